    /* end */
/* Each P also has _Clear_P and _SetNull_P; an inherited P's setters are as in its class's. */
