#include "$file$"
