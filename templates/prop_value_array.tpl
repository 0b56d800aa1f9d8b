static const $ctype$ $id$_data[] = {$items$};
static const $atype$ $id$ = {$id$_data, $n$};
