extern const MI_PropertyDecl $id$;
