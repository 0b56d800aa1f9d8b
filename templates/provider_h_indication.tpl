/* $cim_class$ is an indication class: EnableIndications hands over the context its indications
 * are posted on (from any thread, with $class$_PostIndication) until DisableIndications; each
 * client subscription comes to SubscribeIndications (post MI_RESULT_OK to accept it, an error
 * to refuse it) and, once accepted, to UnsubscribeIndications when it ends. (omigen's Subscribe
 * and Unsubscribe: $class$_Subscribe is the client's typed subscription.) */
void MI_CALL $class$_EnableIndications($class$_Self *self, MI_Context *indicationsContext,
    const MI_Char *nameSpace, const MI_Char *className);
void MI_CALL $class$_DisableIndications($class$_Self *self, MI_Context *indicationsContext,
    const MI_Char *nameSpace, const MI_Char *className);
void MI_CALL $class$_SubscribeIndications($class$_Self *self, MI_Context *context,
    const MI_Char *nameSpace, const MI_Char *className, const MI_Filter *filter,
    const MI_Char *bookmark, MI_Uint64 subscriptionID, void **subscriptionSelf);
void MI_CALL $class$_UnsubscribeIndications($class$_Self *self, MI_Context *context,
    const MI_Char *nameSpace, const MI_Char *className, MI_Uint64 subscriptionID,
    void *subscriptionSelf);

/* Posts ind as an indication of $cim_class$ on indicationsContext (a copy: ind stays the
 * caller's), with bookmark (NULL: none), where a subscriber that asked for bookmarks resumes. */
MI_INLINE MI_Result $class$_PostIndication(MI_Context *indicationsContext, const $class$ *ind,
    const MI_Char *bookmark)
{
    return mofbind_prov_post_indication(indicationsContext, &$class$_rtti, ind, bookmark);
}
