#include "domain/enums.h"
