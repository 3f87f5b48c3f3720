#include "domain/tmf_codec.h"
