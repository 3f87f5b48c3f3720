#include "about_dialog.h"
