struct Inner { 1: i32 a }
