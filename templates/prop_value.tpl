static const $ctype$ $id$ = $init$;
