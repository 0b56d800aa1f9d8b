} $type$;

