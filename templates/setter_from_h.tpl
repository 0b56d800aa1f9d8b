MOFBIND_GEN_SET_FROM($owner$, $prop$, $field$, $other$, $mitype$, $mode$)
