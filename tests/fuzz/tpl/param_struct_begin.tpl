
/* The $what$ parameters of $cim_class$.$method$. */
typedef struct $type$ {
