MOFBIND_GEN_ABSTRACT($class$) /* no _Create: $class$ is abstract */
