// The core: shared structs, Status/Result, data files and hashes. Every stage depends on it
// and on nothing else of the project except earlier stages.
//
//   #include "core/core.h"
//   rasd::Result<rasd::Article> r = ...;
//   if (!r.ok()) std::cerr << r.status().ToString();
#ifndef RASD_CORE_CORE_H_
#define RASD_CORE_CORE_H_

#include "core/data.h"
#include "core/hash.h"
#include "core/status.h"
#include "core/types.h"

#endif  // RASD_CORE_CORE_H_
