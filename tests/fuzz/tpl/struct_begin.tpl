$doc$typedef struct $class$ {
