/* Sets $prop$ to $what$ (made with application, owned by x; for a
 * subclass of $other$, pass its _AsConst_$other$). */
struct $other$;
MI_Result $owner$_SetFrom_$prop$($owner$ *x, const struct $other$ *y,
    MI_Application *application);
