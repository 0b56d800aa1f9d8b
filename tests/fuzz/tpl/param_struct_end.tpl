} $type$;
