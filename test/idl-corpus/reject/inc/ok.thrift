struct Ok { 1: i32 a }
