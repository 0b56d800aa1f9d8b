
/* $cim_class$.$cim_method$: $kind$. Post the result with
 * $class$_$method$_Post, then MI_Context_PostResult. */
void MI_CALL $class$_Method_$method$($class$_Self *self, MI_Context *context,
    const MI_Char *nameSpace, const MI_Char *className, const MI_Char *methodName,
    const $class$ *instanceName$in_param$);
MI_INLINE MI_Result $class$_$method$_Post(MI_Context *context, const $decl$_Out *out)
{
    return mofbind_prov_post_out(context, &$decl$_method, $decl$_outs, out);
}
