#include "$class$_Provider.h"
