    /* end */
/* The setters of the properties $cim_class$ adds (an inherited property P has $class$_Set_P
 * alike); each P also has $class$_Clear_P(x) (unset) and $class$_SetNull_P(x) (NULL): */
