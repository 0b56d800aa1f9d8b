/* generator/mof_parser.y: the MOF grammar (placeholder until the front end lands). */
%define api.pure full
%define api.prefix {mof_yy}
%locations
%param {void *scanner}
%code {
int mof_yylex(MOF_YYSTYPE *lval, MOF_YYLTYPE *lloc, void *scanner);
static void mof_yyerror(MOF_YYLTYPE *lloc, void *scanner, const char *msg)
{
    (void)lloc; (void)scanner; (void)msg;
}
}
%%
unit: %empty ;
%%
