{
  # Every .cc under src/ and binding/ is compiled in, so a new component needs no edit here.
  # SLUICE_SANITIZE=1 builds the AddressSanitizer + UBSan variant used by CI's sanitizer run.
  "variables": { "sanitize%": "<!(echo ${SLUICE_SANITIZE:-0})" },
  "targets": [{
    "target_name": "sluice_native",
    "sources": ["<!@(cd <(module_root_dir) && find src binding -name '*.cc' | sort)"],
    "include_dirs": ["<!(node -p \"require('node-addon-api').include_dir\")", "include", "src"],
    "defines": ["NAPI_DISABLE_CPP_EXCEPTIONS", "NAPI_VERSION=8"],
    "libraries": ["-luring"],
    "cflags!": ["-fno-exceptions"],
    "cflags_cc!": ["-fno-exceptions", "-std=gnu++17"],
    "cflags_cc": ["-std=c++17", "-fno-exceptions", "-fvisibility=hidden", "-O2", "-Wall", "-Wextra", "-Wno-unused-parameter", "-Wno-missing-field-initializers"],
    "conditions": [
      ["sanitize==1", {
        "cflags_cc": ["-fsanitize=address,undefined", "-fno-omit-frame-pointer", "-O1", "-g"],
        "ldflags": ["-fsanitize=address,undefined"]
      }]
    ]
  }]
}
