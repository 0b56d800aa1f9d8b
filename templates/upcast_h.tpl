
/* x as a $super$ (whose fields come first, in the same layout). */
MI_INLINE $super$ *$class$_As_$super$($class$ *x)
{
    return ($super$ *)(void *)x;
}

MI_INLINE const $super$ *$class$_AsConst_$super$(const $class$ *x)
{
    return (const $super$ *)(const void *)x;
}
