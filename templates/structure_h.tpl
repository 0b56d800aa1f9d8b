/* A property typed by the structure $class$ is a field of one of these in its class's struct:
 * the structure itself (S_Field), or an array of it (S_AField, {data, size} as an MI array). */
typedef struct $class$_A {
    struct $class$ *data;
    MI_Uint32 size;
} $class$_A;
typedef struct $class$_Field {
    $class$ value;
    MI_Boolean exists;
    MI_Uint8 flags;
} $class$_Field;
typedef struct $class$_AField {
    $class$_A value;
    MI_Boolean exists;
    MI_Uint8 flags;
} $class$_AField;
MOFBIND_GEN_STRUCTURE($class$)
