#include "app_options.h"
