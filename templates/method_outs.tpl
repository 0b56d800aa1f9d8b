/* The offsets in $out_type$ of MIReturn and the OUT parameters, in the table's order. */
const MI_Uint32 $id$_outs[] = {
$offsets$};

