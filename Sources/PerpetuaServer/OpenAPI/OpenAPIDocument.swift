import NIOCore

/// The OpenAPI 3.1 document of the API, served as is at `GET /openapi.json`.
///
/// It is embedded as a raw string literal rather than shipped as a SwiftPM resource: the
/// `perpetua` binary stays self-contained (copied anywhere, it still serves its document;
/// `Bundle.module` on Linux traps when the resource bundle is not beside the executable),
/// and the raw string keeps the JSON verbatim, so editing it is editing JSON.
/// `OpenAPIDocumentTests` holds it to the route table; API.md is the contract it records.
enum OpenAPIDocument {
    /// The document's bytes, built once.
    static let bytes = ByteBuffer(string: json)

    static let json = #"""
{
  "openapi": "3.1.0",
  "info": {
    "title": "Perpetua REST API",
    "version": "v1",
    "description": "The REST API of Perpetua, a perpetual-futures exchange (API.md is the contract; this document\nrecords what the server does, including the choices API.md leaves open).\n\n**Envelope.** Every response except this document itself is `{\"code\", \"msg\", \"data\"}`: `code` 0 and `msg` \"OK\"\non success; otherwise a code of the catalogue (API.md §3) sent with its HTTP status and `data` holding details\nor null. Every response carries `X-Request-Id`.\n\n**Decimals** are JSON strings in canonical form (`\"65000.5\"`); a JSON number in a decimal field answers 12001\nwith the string to send. **Ids** (`orderId`, `tradeId`, `conditionOrderId`, `strategyId`, `userId`) are decimal\nstrings of 64-bit integers. **Times** are integers, ms since the Unix epoch, UTC. Every documented field of a\nresponse object is always present; absent values are `null`.\n\n**Requests.** Bodies are JSON objects sent with `Content-Type: application/json` (another type answers 12001\nnaming `Content-Type`), at most 64 KiB (12001). An empty body reads as `{}`. Unknown fields are ignored.\nOptional fields may be sent as `null`, which means absent. A field of the wrong JSON type, a `null` where a value is\nrequired, or a number the field cannot hold (a fraction such as `10.5`, or an out-of-range number, for an integer) answers\n12001 with `data.field` naming the field by its path in the body (`leverage`, `leverageBrackets[0].maxLeverage`,\n`orders[3].price`); only a body that is not valid JSON names `body`. A whole number written with a zero fraction or an\nexponent (`10.0`, `1e1`) is the integer it equals, as JSON numbers are.\n\n**Wrong method, unknown path.** An unknown path answers 404 with 12004. A known path with a method it does not\nsupport answers **405 Method Not Allowed** with code 12004, a message naming the methods to use, and an\n`Allow` header listing them.\n\n**Rate limits** (API.md §4): public routes 1200 weight per minute per IP; private routes 1200 weight per minute\nper user (plus 1 per request on the caller's IP before authentication); orders 300 per 10 s per user (each\norder of a batch, each leg of a strategy); login and registration 10 per minute per IP. Each operation's\nweight is its `x-perpetua-weight`. `X-RateLimit-Limit`, `-Remaining` and `-Reset` describe the last bucket the\nrequest was charged to; a 429 (11001) carries `Retry-After` and `data.retryAfter`. The operator API is not\nrate limited.\n\n**Pagination.** `limit` (default 100, max 500), `startTime`, `endTime`, `cursor`; pages are\n`{\"items\", \"nextCursor\"}`, newest first.\n\n**Extensions.** `x-perpetua-access` is the route's access (`open`, `login`, `user:READ`, `user:TRADE`,\n`session`, `admin`) and `x-perpetua-weight` its rate-limit weight; the document test holds both to the\nserver's route table. `x-perpetua-pending`, where present, would mark an operation of API.md whose route this\nbuild does not register yet; this build registers every one.",
    "license": {
      "name": "Proprietary",
      "identifier": "LicenseRef-Perpetua"
    }
  },
  "servers": [
    {
      "url": "/"
    }
  ],
  "tags": [
    {
      "name": "System"
    },
    {
      "name": "Session"
    },
    {
      "name": "Agent sign-on"
    },
    {
      "name": "Market"
    },
    {
      "name": "User"
    },
    {
      "name": "API keys"
    },
    {
      "name": "Orders"
    },
    {
      "name": "Positions"
    },
    {
      "name": "Streams",
      "description": "WebSocket streams (API.md §6): documented as the GET that upgrades; the messages are in each description."
    },
    {
      "name": "Operator"
    }
  ],
  "paths": {
    "/v1/version": {
      "get": {
        "operationId": "getVersion",
        "summary": "Server version",
        "tags": [
          "System"
        ],
        "description": "**Access:** No credentials; limited per IP when requested without the upgrade (public bucket, weight 1).",
        "x-perpetua-access": "open",
        "x-perpetua-weight": 1,
        "security": [],
        "responses": {
          "200": {
            "description": "Success: the envelope with `code` 0.",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/X-Request-Id"
              },
              "X-RateLimit-Limit": {
                "$ref": "#/components/headers/X-RateLimit-Limit"
              },
              "X-RateLimit-Remaining": {
                "$ref": "#/components/headers/X-RateLimit-Remaining"
              },
              "X-RateLimit-Reset": {
                "$ref": "#/components/headers/X-RateLimit-Reset"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "type": "object",
                  "required": [
                    "code",
                    "msg",
                    "data"
                  ],
                  "properties": {
                    "code": {
                      "const": 0
                    },
                    "msg": {
                      "const": "OK"
                    },
                    "data": {
                      "$ref": "#/components/schemas/Version"
                    }
                  }
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest1"
          },
          "429": {
            "$ref": "#/components/responses/TooManyRequests1"
          },
          "500": {
            "$ref": "#/components/responses/InternalError1"
          },
          "503": {
            "$ref": "#/components/responses/Unavailable1"
          }
        }
      }
    },
    "/v1/time": {
      "get": {
        "operationId": "getTime",
        "summary": "Server time",
        "tags": [
          "System"
        ],
        "description": "`serverTime` is the wall clock (ms) that API-key timestamps are checked against (API.md §2.2). `exchangeTime` is the exchange clock that stamps orders, trades and funding: the same as `serverTime` on a normal server, the operator-set time when the server runs with `--clock manual` (tests, drills).\n\n**Access:** No credentials; limited per IP when requested without the upgrade (public bucket, weight 1).",
        "x-perpetua-access": "open",
        "x-perpetua-weight": 1,
        "security": [],
        "responses": {
          "200": {
            "description": "Success: the envelope with `code` 0.",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/X-Request-Id"
              },
              "X-RateLimit-Limit": {
                "$ref": "#/components/headers/X-RateLimit-Limit"
              },
              "X-RateLimit-Remaining": {
                "$ref": "#/components/headers/X-RateLimit-Remaining"
              },
              "X-RateLimit-Reset": {
                "$ref": "#/components/headers/X-RateLimit-Reset"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "type": "object",
                  "required": [
                    "code",
                    "msg",
                    "data"
                  ],
                  "properties": {
                    "code": {
                      "const": 0
                    },
                    "msg": {
                      "const": "OK"
                    },
                    "data": {
                      "$ref": "#/components/schemas/Time"
                    }
                  }
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest1"
          },
          "429": {
            "$ref": "#/components/responses/TooManyRequests1"
          },
          "500": {
            "$ref": "#/components/responses/InternalError1"
          },
          "503": {
            "$ref": "#/components/responses/Unavailable1"
          }
        }
      }
    },
    "/openapi.json": {
      "get": {
        "operationId": "getOpenAPIDocument",
        "summary": "This OpenAPI document",
        "tags": [
          "System"
        ],
        "description": "Returns this document itself as raw JSON (`application/json`), **not** wrapped in the envelope. The 200 schema below describes the envelope only for uniformity of the error responses; the success body is the OpenAPI 3.1 document.\n\n**Access:** No credentials; limited per IP when requested without the upgrade (public bucket, weight 1).",
        "x-perpetua-access": "open",
        "x-perpetua-weight": 1,
        "security": [],
        "responses": {
          "200": {
            "description": "The OpenAPI 3.1 document (raw JSON, no envelope).",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/X-Request-Id"
              },
              "X-RateLimit-Limit": {
                "$ref": "#/components/headers/X-RateLimit-Limit"
              },
              "X-RateLimit-Remaining": {
                "$ref": "#/components/headers/X-RateLimit-Remaining"
              },
              "X-RateLimit-Reset": {
                "$ref": "#/components/headers/X-RateLimit-Reset"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "type": "object",
                  "required": [
                    "openapi",
                    "info",
                    "paths"
                  ],
                  "properties": {
                    "openapi": {
                      "type": "string",
                      "pattern": "^3\\.1\\."
                    }
                  }
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest1"
          },
          "429": {
            "$ref": "#/components/responses/TooManyRequests1"
          },
          "500": {
            "$ref": "#/components/responses/InternalError1"
          },
          "503": {
            "$ref": "#/components/responses/Unavailable1"
          }
        }
      }
    },
    "/health": {
      "get": {
        "operationId": "getHealth",
        "summary": "Liveness",
        "tags": [
          "System"
        ],
        "description": "The process is alive and answers HTTP: `{\"status\": \"UP\"}`. It checks nothing else; use `/ready` to decide whether to send traffic.\n\n**Access:** No credentials; limited per IP (public bucket, weight 1).",
        "x-perpetua-access": "open",
        "x-perpetua-weight": 1,
        "security": [],
        "responses": {
          "200": {
            "description": "Success: the envelope with `code` 0.",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/X-Request-Id"
              },
              "X-RateLimit-Limit": {
                "$ref": "#/components/headers/X-RateLimit-Limit"
              },
              "X-RateLimit-Remaining": {
                "$ref": "#/components/headers/X-RateLimit-Remaining"
              },
              "X-RateLimit-Reset": {
                "$ref": "#/components/headers/X-RateLimit-Reset"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "type": "object",
                  "required": [
                    "code",
                    "msg",
                    "data"
                  ],
                  "properties": {
                    "code": {
                      "const": 0
                    },
                    "msg": {
                      "const": "OK"
                    },
                    "data": {
                      "$ref": "#/components/schemas/Health"
                    }
                  }
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest1"
          },
          "429": {
            "$ref": "#/components/responses/TooManyRequests1"
          },
          "500": {
            "$ref": "#/components/responses/InternalError1"
          },
          "503": {
            "$ref": "#/components/responses/Unavailable1"
          }
        }
      }
    },
    "/ready": {
      "get": {
        "operationId": "getReady",
        "summary": "Readiness",
        "tags": [
          "System"
        ],
        "description": "Ready for traffic when the engine has recovered and runs, the store answers, the projector is at most `readiness.maxProjectorLag` commands (configuration; default 10000) behind the journal, and no graceful shutdown is draining the server. Otherwise **503** with code 90001 and `data.check` naming the failing check (`engine`, `store`, `projector` with `data.lag`, or `draining`).\n\n**Access:** No credentials; limited per IP (public bucket, weight 1).",
        "x-perpetua-access": "open",
        "x-perpetua-weight": 1,
        "security": [],
        "responses": {
          "200": {
            "description": "Success: the envelope with `code` 0.",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/X-Request-Id"
              },
              "X-RateLimit-Limit": {
                "$ref": "#/components/headers/X-RateLimit-Limit"
              },
              "X-RateLimit-Remaining": {
                "$ref": "#/components/headers/X-RateLimit-Remaining"
              },
              "X-RateLimit-Reset": {
                "$ref": "#/components/headers/X-RateLimit-Reset"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "type": "object",
                  "required": [
                    "code",
                    "msg",
                    "data"
                  ],
                  "properties": {
                    "code": {
                      "const": 0
                    },
                    "msg": {
                      "const": "OK"
                    },
                    "data": {
                      "$ref": "#/components/schemas/Ready"
                    }
                  }
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest1"
          },
          "429": {
            "$ref": "#/components/responses/TooManyRequests1"
          },
          "500": {
            "$ref": "#/components/responses/InternalError1"
          },
          "503": {
            "$ref": "#/components/responses/Unavailable1"
          }
        }
      }
    },
    "/metrics": {
      "get": {
        "operationId": "getMetrics",
        "summary": "Prometheus metrics",
        "tags": [
          "System"
        ],
        "description": "The Prometheus text exposition format 0.0.4 (`text/plain; version=0.0.4`), not the envelope: `perpetua_http_requests_total` and `perpetua_http_request_duration_seconds` by `route` (the registered path, or `unmatched`), `method` and `status`; `perpetua_rate_limit_rejections_total` by `route`; `perpetua_engine_commands_total`, `perpetua_engine_last_sequence`, `perpetua_engine_queue_depth`; `perpetua_journal_fsync_seconds`; `perpetua_projector_lag_commands`; `perpetua_websocket_connections`, `perpetua_websocket_slow_consumer_disconnects_total`; `perpetua_draining`. Errors still answer in the envelope.\n\n**Access:** No credentials; limited per IP (public bucket, weight 1).",
        "x-perpetua-access": "open",
        "x-perpetua-weight": 1,
        "security": [],
        "responses": {
          "200": {
            "description": "The metrics in the Prometheus text format (no envelope).",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/X-Request-Id"
              },
              "X-RateLimit-Limit": {
                "$ref": "#/components/headers/X-RateLimit-Limit"
              },
              "X-RateLimit-Remaining": {
                "$ref": "#/components/headers/X-RateLimit-Remaining"
              },
              "X-RateLimit-Reset": {
                "$ref": "#/components/headers/X-RateLimit-Reset"
              }
            },
            "content": {
              "text/plain": {
                "schema": {
                  "type": "string"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest1"
          },
          "429": {
            "$ref": "#/components/responses/TooManyRequests1"
          },
          "500": {
            "$ref": "#/components/responses/InternalError1"
          },
          "503": {
            "$ref": "#/components/responses/Unavailable1"
          }
        }
      }
    },
    "/v1/public/user/login": {
      "post": {
        "operationId": "login",
        "summary": "Log in",
        "tags": [
          "Session"
        ],
        "description": "Checks the bcrypt password and opens a session: a JWT access token in the body and the refresh token in an HttpOnly cookie. A wrong username or password answers 10003 either way; repeated failures for one username or IP answer 11001 without revealing whether the username exists.\n\n**Access:** No credentials; limited by the login bucket per IP.",
        "x-perpetua-access": "login",
        "x-perpetua-weight": 1,
        "security": [],
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "type": "object",
                "properties": {
                  "username": {
                    "type": "string",
                    "description": "3 to 32 of A-Z a-z 0-9 _ . - (checked on register)"
                  },
                  "password": {
                    "type": "string",
                    "description": "8 to 72 bytes (checked on register)"
                  }
                },
                "required": [
                  "username",
                  "password"
                ]
              }
            }
          }
        },
        "responses": {
          "200": {
            "description": "Success: the envelope with `code` 0.",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/X-Request-Id"
              },
              "X-RateLimit-Limit": {
                "$ref": "#/components/headers/X-RateLimit-Limit"
              },
              "X-RateLimit-Remaining": {
                "$ref": "#/components/headers/X-RateLimit-Remaining"
              },
              "X-RateLimit-Reset": {
                "$ref": "#/components/headers/X-RateLimit-Reset"
              },
              "Set-Cookie": {
                "description": "`refresh_token=…; HttpOnly; SameSite=Strict; Path=/v1` (plus `Secure` when configured).",
                "schema": {
                  "type": "string"
                }
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "type": "object",
                  "required": [
                    "code",
                    "msg",
                    "data"
                  ],
                  "properties": {
                    "code": {
                      "const": 0
                    },
                    "msg": {
                      "const": "OK"
                    },
                    "data": {
                      "$ref": "#/components/schemas/AccessToken"
                    }
                  }
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest1"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized1"
          },
          "429": {
            "$ref": "#/components/responses/TooManyRequests1"
          },
          "500": {
            "$ref": "#/components/responses/InternalError1"
          },
          "503": {
            "$ref": "#/components/responses/Unavailable1"
          }
        }
      }
    },
    "/v1/public/user/refresh-token": {
      "post": {
        "operationId": "refreshToken",
        "summary": "Rotate the refresh token",
        "tags": [
          "Session"
        ],
        "description": "Reads the `refresh_token` cookie, returns a new access token and rotates the cookie. Presenting an already-rotated refresh token revokes the whole session and answers 401 (10003).\n\n**Access:** No credentials; limited per IP when requested without the upgrade (public bucket, weight 1).",
        "x-perpetua-access": "open",
        "x-perpetua-weight": 1,
        "security": [],
        "parameters": [
          {
            "name": "refresh_token",
            "in": "cookie",
            "required": false,
            "schema": {
              "type": "string"
            }
          }
        ],
        "responses": {
          "200": {
            "description": "Success: the envelope with `code` 0.",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/X-Request-Id"
              },
              "X-RateLimit-Limit": {
                "$ref": "#/components/headers/X-RateLimit-Limit"
              },
              "X-RateLimit-Remaining": {
                "$ref": "#/components/headers/X-RateLimit-Remaining"
              },
              "X-RateLimit-Reset": {
                "$ref": "#/components/headers/X-RateLimit-Reset"
              },
              "Set-Cookie": {
                "description": "`refresh_token=…; HttpOnly; SameSite=Strict; Path=/v1` (plus `Secure` when configured).",
                "schema": {
                  "type": "string"
                }
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "type": "object",
                  "required": [
                    "code",
                    "msg",
                    "data"
                  ],
                  "properties": {
                    "code": {
                      "const": 0
                    },
                    "msg": {
                      "const": "OK"
                    },
                    "data": {
                      "$ref": "#/components/schemas/AccessToken"
                    }
                  }
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest1"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized1"
          },
          "429": {
            "$ref": "#/components/responses/TooManyRequests1"
          },
          "500": {
            "$ref": "#/components/responses/InternalError1"
          },
          "503": {
            "$ref": "#/components/responses/Unavailable1"
          }
        }
      }
    },
    "/v1/public/user/register": {
      "post": {
        "operationId": "register",
        "summary": "Register (when enabled)",
        "tags": [
          "Session"
        ],
        "description": "Open only when the server allows sign-up (demo mode, or configured); otherwise 403 (10007). A taken username answers 12001. The new user is signed in: the answer is that of login, with the refresh cookie.\n\n**Access:** No credentials; limited by the login bucket per IP.",
        "x-perpetua-access": "login",
        "x-perpetua-weight": 1,
        "security": [],
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "type": "object",
                "properties": {
                  "username": {
                    "type": "string",
                    "pattern": "^[A-Za-z0-9][A-Za-z0-9_.-]{2,31}$"
                  },
                  "password": {
                    "type": "string",
                    "minLength": 2,
                    "maxLength": 72,
                    "description": "8 to 72 UTF-8 bytes, no control characters, at least one letter and one digit, not containing the username."
                  }
                },
                "required": [
                  "username",
                  "password"
                ]
              }
            }
          }
        },
        "responses": {
          "200": {
            "description": "Success: the envelope with `code` 0.",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/X-Request-Id"
              },
              "X-RateLimit-Limit": {
                "$ref": "#/components/headers/X-RateLimit-Limit"
              },
              "X-RateLimit-Remaining": {
                "$ref": "#/components/headers/X-RateLimit-Remaining"
              },
              "X-RateLimit-Reset": {
                "$ref": "#/components/headers/X-RateLimit-Reset"
              },
              "Set-Cookie": {
                "description": "`refresh_token=…; HttpOnly; SameSite=Strict; Path=/v1` (plus `Secure` when configured).",
                "schema": {
                  "type": "string"
                }
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "type": "object",
                  "required": [
                    "code",
                    "msg",
                    "data"
                  ],
                  "properties": {
                    "code": {
                      "const": 0
                    },
                    "msg": {
                      "const": "OK"
                    },
                    "data": {
                      "$ref": "#/components/schemas/AccessToken"
                    }
                  }
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest1"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden1"
          },
          "429": {
            "$ref": "#/components/responses/TooManyRequests1"
          },
          "500": {
            "$ref": "#/components/responses/InternalError1"
          },
          "503": {
            "$ref": "#/components/responses/Unavailable1"
          }
        }
      }
    },
    "/v1/public/agent-sso/exchange-ticket": {
      "post": {
        "operationId": "exchangeTicket",
        "summary": "Exchange an agent ticket for a session",
        "tags": [
          "Agent sign-on"
        ],
        "description": "Single use: a second exchange, an unknown or expired ticket answer 10004. The session is scoped to the ticket's permissions and cannot manage API keys or mint tickets.\n\n**Access:** No credentials; limited per IP when requested without the upgrade (public bucket, weight 1).",
        "x-perpetua-access": "open",
        "x-perpetua-weight": 1,
        "security": [],
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "type": "object",
                "properties": {
                  "ticket": {
                    "type": "string"
                  }
                },
                "required": [
                  "ticket"
                ]
              }
            }
          }
        },
        "responses": {
          "200": {
            "description": "Success: the envelope with `code` 0.",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/X-Request-Id"
              },
              "X-RateLimit-Limit": {
                "$ref": "#/components/headers/X-RateLimit-Limit"
              },
              "X-RateLimit-Remaining": {
                "$ref": "#/components/headers/X-RateLimit-Remaining"
              },
              "X-RateLimit-Reset": {
                "$ref": "#/components/headers/X-RateLimit-Reset"
              },
              "Set-Cookie": {
                "description": "`refresh_token=…; HttpOnly; SameSite=Strict; Path=/v1` (plus `Secure` when configured).",
                "schema": {
                  "type": "string"
                }
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "type": "object",
                  "required": [
                    "code",
                    "msg",
                    "data"
                  ],
                  "properties": {
                    "code": {
                      "const": 0
                    },
                    "msg": {
                      "const": "OK"
                    },
                    "data": {
                      "$ref": "#/components/schemas/AccessToken"
                    }
                  }
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest1"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized2"
          },
          "429": {
            "$ref": "#/components/responses/TooManyRequests1"
          },
          "500": {
            "$ref": "#/components/responses/InternalError1"
          },
          "503": {
            "$ref": "#/components/responses/Unavailable1"
          }
        }
      }
    },
    "/v1/public/agent-sso/exchange-embed-token": {
      "post": {
        "operationId": "exchangeEmbedToken",
        "summary": "Exchange an embed token",
        "tags": [
          "Agent sign-on"
        ],
        "description": "Single use (10004 on reuse). Returns an access token without a refresh cookie, scoped to the token's permissions.\n\n**Access:** No credentials; limited per IP when requested without the upgrade (public bucket, weight 1).",
        "x-perpetua-access": "open",
        "x-perpetua-weight": 1,
        "security": [],
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "type": "object",
                "properties": {
                  "embedToken": {
                    "type": "string"
                  }
                },
                "required": [
                  "embedToken"
                ]
              }
            }
          }
        },
        "responses": {
          "200": {
            "description": "Success: the envelope with `code` 0.",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/X-Request-Id"
              },
              "X-RateLimit-Limit": {
                "$ref": "#/components/headers/X-RateLimit-Limit"
              },
              "X-RateLimit-Remaining": {
                "$ref": "#/components/headers/X-RateLimit-Remaining"
              },
              "X-RateLimit-Reset": {
                "$ref": "#/components/headers/X-RateLimit-Reset"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "type": "object",
                  "required": [
                    "code",
                    "msg",
                    "data"
                  ],
                  "properties": {
                    "code": {
                      "const": 0
                    },
                    "msg": {
                      "const": "OK"
                    },
                    "data": {
                      "$ref": "#/components/schemas/AccessToken"
                    }
                  }
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest1"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized2"
          },
          "429": {
            "$ref": "#/components/responses/TooManyRequests1"
          },
          "500": {
            "$ref": "#/components/responses/InternalError1"
          },
          "503": {
            "$ref": "#/components/responses/Unavailable1"
          }
        }
      }
    },
    "/v1/public/market/symbols": {
      "get": {
        "operationId": "getSymbols",
        "summary": "Symbols",
        "tags": [
          "Market"
        ],
        "description": "**Access:** No credentials; limited per IP when requested without the upgrade (public bucket, weight 1).",
        "x-perpetua-access": "open",
        "x-perpetua-weight": 1,
        "security": [],
        "parameters": [
          {
            "name": "symbol",
            "in": "query",
            "required": false,
            "schema": {
              "type": "string"
            },
            "description": "Only this symbol (exact name; 12002 with a suggestion otherwise)."
          }
        ],
        "responses": {
          "200": {
            "description": "Success: the envelope with `code` 0.",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/X-Request-Id"
              },
              "X-RateLimit-Limit": {
                "$ref": "#/components/headers/X-RateLimit-Limit"
              },
              "X-RateLimit-Remaining": {
                "$ref": "#/components/headers/X-RateLimit-Remaining"
              },
              "X-RateLimit-Reset": {
                "$ref": "#/components/headers/X-RateLimit-Reset"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "type": "object",
                  "required": [
                    "code",
                    "msg",
                    "data"
                  ],
                  "properties": {
                    "code": {
                      "const": 0
                    },
                    "msg": {
                      "const": "OK"
                    },
                    "data": {
                      "type": "array",
                      "items": {
                        "$ref": "#/components/schemas/Symbol"
                      }
                    }
                  }
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest1"
          },
          "404": {
            "$ref": "#/components/responses/NotFound1"
          },
          "429": {
            "$ref": "#/components/responses/TooManyRequests1"
          },
          "500": {
            "$ref": "#/components/responses/InternalError1"
          },
          "503": {
            "$ref": "#/components/responses/Unavailable1"
          }
        }
      }
    },
    "/v1/public/market/funding-rate": {
      "get": {
        "operationId": "getFundingConfig",
        "summary": "Funding configuration",
        "tags": [
          "Market"
        ],
        "description": "**Access:** No credentials; limited per IP when requested without the upgrade (public bucket, weight 1).",
        "x-perpetua-access": "open",
        "x-perpetua-weight": 1,
        "security": [],
        "parameters": [
          {
            "name": "symbol",
            "in": "query",
            "required": false,
            "schema": {
              "type": "string"
            }
          }
        ],
        "responses": {
          "200": {
            "description": "Success: the envelope with `code` 0.",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/X-Request-Id"
              },
              "X-RateLimit-Limit": {
                "$ref": "#/components/headers/X-RateLimit-Limit"
              },
              "X-RateLimit-Remaining": {
                "$ref": "#/components/headers/X-RateLimit-Remaining"
              },
              "X-RateLimit-Reset": {
                "$ref": "#/components/headers/X-RateLimit-Reset"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "type": "object",
                  "required": [
                    "code",
                    "msg",
                    "data"
                  ],
                  "properties": {
                    "code": {
                      "const": 0
                    },
                    "msg": {
                      "const": "OK"
                    },
                    "data": {
                      "type": "array",
                      "items": {
                        "$ref": "#/components/schemas/FundingConfig"
                      }
                    }
                  }
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest1"
          },
          "404": {
            "$ref": "#/components/responses/NotFound1"
          },
          "429": {
            "$ref": "#/components/responses/TooManyRequests1"
          },
          "500": {
            "$ref": "#/components/responses/InternalError1"
          },
          "503": {
            "$ref": "#/components/responses/Unavailable1"
          }
        }
      }
    },
    "/v1/public/market/funding-rate/current": {
      "get": {
        "operationId": "getCurrentFunding",
        "summary": "Current funding rates",
        "tags": [
          "Market"
        ],
        "description": "One item per symbol in symbol order; `startTime`/`endTime` are checked but do not filter. `fundingRate` is the estimate for the next funding time.\n\n**Access:** No credentials; limited per IP when requested without the upgrade (public bucket, weight 1).",
        "x-perpetua-access": "open",
        "x-perpetua-weight": 1,
        "security": [],
        "parameters": [
          {
            "name": "symbol",
            "in": "query",
            "required": false,
            "schema": {
              "type": "string"
            }
          },
          {
            "$ref": "#/components/parameters/limit"
          },
          {
            "$ref": "#/components/parameters/startTime"
          },
          {
            "$ref": "#/components/parameters/endTime"
          },
          {
            "$ref": "#/components/parameters/cursor"
          }
        ],
        "responses": {
          "200": {
            "description": "Success: the envelope with `code` 0.",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/X-Request-Id"
              },
              "X-RateLimit-Limit": {
                "$ref": "#/components/headers/X-RateLimit-Limit"
              },
              "X-RateLimit-Remaining": {
                "$ref": "#/components/headers/X-RateLimit-Remaining"
              },
              "X-RateLimit-Reset": {
                "$ref": "#/components/headers/X-RateLimit-Reset"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "type": "object",
                  "required": [
                    "code",
                    "msg",
                    "data"
                  ],
                  "properties": {
                    "code": {
                      "const": 0
                    },
                    "msg": {
                      "const": "OK"
                    },
                    "data": {
                      "type": "object",
                      "properties": {
                        "items": {
                          "type": "array",
                          "items": {
                            "$ref": "#/components/schemas/CurrentFunding"
                          }
                        },
                        "nextCursor": {
                          "type": [
                            "string",
                            "null"
                          ],
                          "description": "Opaque; pass it back as `cursor` for the next (older) page, null on the last page."
                        }
                      },
                      "required": [
                        "items",
                        "nextCursor"
                      ]
                    }
                  }
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest1"
          },
          "404": {
            "$ref": "#/components/responses/NotFound1"
          },
          "429": {
            "$ref": "#/components/responses/TooManyRequests1"
          },
          "500": {
            "$ref": "#/components/responses/InternalError1"
          },
          "503": {
            "$ref": "#/components/responses/Unavailable1"
          }
        }
      }
    },
    "/v1/public/market/funding-rate/history": {
      "get": {
        "operationId": "getFundingHistory",
        "summary": "Funding history",
        "tags": [
          "Market"
        ],
        "description": "**Access:** No credentials; limited per IP when requested without the upgrade (public bucket, weight 1).",
        "x-perpetua-access": "open",
        "x-perpetua-weight": 1,
        "security": [],
        "parameters": [
          {
            "$ref": "#/components/parameters/symbolRequired"
          },
          {
            "$ref": "#/components/parameters/limit"
          },
          {
            "$ref": "#/components/parameters/startTime"
          },
          {
            "$ref": "#/components/parameters/endTime"
          },
          {
            "$ref": "#/components/parameters/cursor"
          }
        ],
        "responses": {
          "200": {
            "description": "Success: the envelope with `code` 0.",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/X-Request-Id"
              },
              "X-RateLimit-Limit": {
                "$ref": "#/components/headers/X-RateLimit-Limit"
              },
              "X-RateLimit-Remaining": {
                "$ref": "#/components/headers/X-RateLimit-Remaining"
              },
              "X-RateLimit-Reset": {
                "$ref": "#/components/headers/X-RateLimit-Reset"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "type": "object",
                  "required": [
                    "code",
                    "msg",
                    "data"
                  ],
                  "properties": {
                    "code": {
                      "const": 0
                    },
                    "msg": {
                      "const": "OK"
                    },
                    "data": {
                      "type": "object",
                      "properties": {
                        "items": {
                          "type": "array",
                          "items": {
                            "$ref": "#/components/schemas/FundingRecord"
                          }
                        },
                        "nextCursor": {
                          "type": [
                            "string",
                            "null"
                          ],
                          "description": "Opaque; pass it back as `cursor` for the next (older) page, null on the last page."
                        }
                      },
                      "required": [
                        "items",
                        "nextCursor"
                      ]
                    }
                  }
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest1"
          },
          "404": {
            "$ref": "#/components/responses/NotFound1"
          },
          "429": {
            "$ref": "#/components/responses/TooManyRequests1"
          },
          "500": {
            "$ref": "#/components/responses/InternalError1"
          },
          "503": {
            "$ref": "#/components/responses/Unavailable1"
          }
        }
      }
    },
    "/v1/public/market/klines": {
      "get": {
        "operationId": "getKlines",
        "summary": "Klines (candlesticks)",
        "tags": [
          "Market"
        ],
        "description": "Oldest first. `startTime` after `endTime` answers 12001.\n\n**Access:** No credentials; limited per IP when requested without the upgrade (public bucket, weight 1).",
        "x-perpetua-access": "open",
        "x-perpetua-weight": 1,
        "security": [],
        "parameters": [
          {
            "$ref": "#/components/parameters/symbolRequired"
          },
          {
            "name": "interval",
            "in": "query",
            "required": true,
            "schema": {
              "type": "string",
              "enum": [
                "1m",
                "3m",
                "5m",
                "15m",
                "30m",
                "1h",
                "2h",
                "4h",
                "6h",
                "8h",
                "12h",
                "1d",
                "1w",
                "1M"
              ]
            }
          },
          {
            "name": "priceType",
            "in": "query",
            "required": false,
            "schema": {
              "type": "string",
              "enum": [
                "TRADE",
                "MARK",
                "INDEX"
              ]
            },
            "description": "Default TRADE. MARK and INDEX bars have volume \"0\"."
          },
          {
            "name": "startTime",
            "in": "query",
            "required": false,
            "schema": {
              "type": "integer",
              "minimum": 0,
              "format": "int64"
            }
          },
          {
            "name": "endTime",
            "in": "query",
            "required": false,
            "schema": {
              "type": "integer",
              "minimum": 0,
              "format": "int64"
            }
          },
          {
            "name": "limit",
            "in": "query",
            "required": false,
            "schema": {
              "type": "integer",
              "minimum": 1,
              "maximum": 1500,
              "default": 500
            }
          }
        ],
        "responses": {
          "200": {
            "description": "Success: the envelope with `code` 0.",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/X-Request-Id"
              },
              "X-RateLimit-Limit": {
                "$ref": "#/components/headers/X-RateLimit-Limit"
              },
              "X-RateLimit-Remaining": {
                "$ref": "#/components/headers/X-RateLimit-Remaining"
              },
              "X-RateLimit-Reset": {
                "$ref": "#/components/headers/X-RateLimit-Reset"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "type": "object",
                  "required": [
                    "code",
                    "msg",
                    "data"
                  ],
                  "properties": {
                    "code": {
                      "const": 0
                    },
                    "msg": {
                      "const": "OK"
                    },
                    "data": {
                      "type": "array",
                      "items": {
                        "$ref": "#/components/schemas/Kline"
                      }
                    }
                  }
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest1"
          },
          "404": {
            "$ref": "#/components/responses/NotFound1"
          },
          "429": {
            "$ref": "#/components/responses/TooManyRequests1"
          },
          "500": {
            "$ref": "#/components/responses/InternalError1"
          },
          "503": {
            "$ref": "#/components/responses/Unavailable1"
          }
        }
      }
    },
    "/v1/public/leaderboard/pnl": {
      "get": {
        "operationId": "getLeaderboard",
        "summary": "PnL leaderboard",
        "tags": [
          "Market"
        ],
        "description": "PnL is the sum of the account change log over the period (UTC days, today included) except deposits, withdrawals and adjustments: realised PnL, trading fees, funding, liquidation fees, insurance clearing and ADL. `roi` = pnl / (wallet balance now − pnl). Names are masked (`al***ce`; names of 4 characters or fewer keep the first character) unless the operator set a public nickname.\n\n**Access:** No credentials; limited per IP (public bucket, weight 10).",
        "x-perpetua-access": "open",
        "x-perpetua-weight": 10,
        "security": [],
        "parameters": [
          {
            "name": "period",
            "in": "query",
            "required": false,
            "schema": {
              "type": "string",
              "enum": [
                "7d",
                "30d",
                "90d"
              ]
            },
            "description": "Default 7d."
          },
          {
            "name": "limit",
            "in": "query",
            "required": false,
            "schema": {
              "type": "integer",
              "minimum": 1,
              "maximum": 100,
              "default": 20
            }
          }
        ],
        "responses": {
          "200": {
            "description": "Success: the envelope with `code` 0.",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/X-Request-Id"
              },
              "X-RateLimit-Limit": {
                "$ref": "#/components/headers/X-RateLimit-Limit"
              },
              "X-RateLimit-Remaining": {
                "$ref": "#/components/headers/X-RateLimit-Remaining"
              },
              "X-RateLimit-Reset": {
                "$ref": "#/components/headers/X-RateLimit-Reset"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "type": "object",
                  "required": [
                    "code",
                    "msg",
                    "data"
                  ],
                  "properties": {
                    "code": {
                      "const": 0
                    },
                    "msg": {
                      "const": "OK"
                    },
                    "data": {
                      "type": "array",
                      "items": {
                        "$ref": "#/components/schemas/LeaderboardEntry"
                      }
                    }
                  }
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest1"
          },
          "429": {
            "$ref": "#/components/responses/TooManyRequests1"
          },
          "500": {
            "$ref": "#/components/responses/InternalError1"
          },
          "503": {
            "$ref": "#/components/responses/Unavailable1"
          }
        }
      }
    },
    "/v1/public/market/depth": {
      "get": {
        "operationId": "getDepth",
        "summary": "Order book depth",
        "tags": [
          "Market"
        ],
        "description": "`seq` lines up with the WebSocket depth stream; `checksum` is the CRC32 of API.md §6.1 over the strings sent.\n\n**Access:** No credentials; limited per IP (public bucket, weight 5).",
        "x-perpetua-access": "open",
        "x-perpetua-weight": 5,
        "security": [],
        "parameters": [
          {
            "$ref": "#/components/parameters/symbolRequired"
          },
          {
            "name": "limit",
            "in": "query",
            "required": false,
            "schema": {
              "type": "integer",
              "minimum": 5,
              "maximum": 1000,
              "default": 100
            }
          }
        ],
        "responses": {
          "200": {
            "description": "Success: the envelope with `code` 0.",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/X-Request-Id"
              },
              "X-RateLimit-Limit": {
                "$ref": "#/components/headers/X-RateLimit-Limit"
              },
              "X-RateLimit-Remaining": {
                "$ref": "#/components/headers/X-RateLimit-Remaining"
              },
              "X-RateLimit-Reset": {
                "$ref": "#/components/headers/X-RateLimit-Reset"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "type": "object",
                  "required": [
                    "code",
                    "msg",
                    "data"
                  ],
                  "properties": {
                    "code": {
                      "const": 0
                    },
                    "msg": {
                      "const": "OK"
                    },
                    "data": {
                      "$ref": "#/components/schemas/Depth"
                    }
                  }
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest1"
          },
          "404": {
            "$ref": "#/components/responses/NotFound1"
          },
          "429": {
            "$ref": "#/components/responses/TooManyRequests1"
          },
          "500": {
            "$ref": "#/components/responses/InternalError1"
          },
          "503": {
            "$ref": "#/components/responses/Unavailable1"
          }
        }
      }
    },
    "/v1/public/market/trades": {
      "get": {
        "operationId": "getPublicTrades",
        "summary": "Recent public trades",
        "tags": [
          "Market"
        ],
        "description": "Newest first.\n\n**Access:** No credentials; limited per IP when requested without the upgrade (public bucket, weight 1).",
        "x-perpetua-access": "open",
        "x-perpetua-weight": 1,
        "security": [],
        "parameters": [
          {
            "$ref": "#/components/parameters/symbolRequired"
          },
          {
            "name": "limit",
            "in": "query",
            "required": false,
            "schema": {
              "type": "integer",
              "minimum": 1,
              "maximum": 1000,
              "default": 100
            }
          }
        ],
        "responses": {
          "200": {
            "description": "Success: the envelope with `code` 0.",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/X-Request-Id"
              },
              "X-RateLimit-Limit": {
                "$ref": "#/components/headers/X-RateLimit-Limit"
              },
              "X-RateLimit-Remaining": {
                "$ref": "#/components/headers/X-RateLimit-Remaining"
              },
              "X-RateLimit-Reset": {
                "$ref": "#/components/headers/X-RateLimit-Reset"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "type": "object",
                  "required": [
                    "code",
                    "msg",
                    "data"
                  ],
                  "properties": {
                    "code": {
                      "const": 0
                    },
                    "msg": {
                      "const": "OK"
                    },
                    "data": {
                      "type": "array",
                      "items": {
                        "$ref": "#/components/schemas/PublicTrade"
                      }
                    }
                  }
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest1"
          },
          "404": {
            "$ref": "#/components/responses/NotFound1"
          },
          "429": {
            "$ref": "#/components/responses/TooManyRequests1"
          },
          "500": {
            "$ref": "#/components/responses/InternalError1"
          },
          "503": {
            "$ref": "#/components/responses/Unavailable1"
          }
        }
      }
    },
    "/v1/public/market/ticker": {
      "get": {
        "operationId": "getTicker",
        "summary": "24-hour ticker",
        "tags": [
          "Market"
        ],
        "description": "A 24-hour rolling window. `change` = last − open (a price), `changePercent` = (last − open) / open × 100 with two decimals; `open` is the first trade price in the window (the last price when there was none). Prices are null until the symbol has one; `tradeCount` counts trades in the window; `time` is the exchange time of the answer.\n\n**Access:** No credentials; limited per IP when requested without the upgrade (public bucket, weight 1).",
        "x-perpetua-access": "open",
        "x-perpetua-weight": 1,
        "security": [],
        "parameters": [
          {
            "name": "symbol",
            "in": "query",
            "required": false,
            "schema": {
              "type": "string"
            },
            "description": "With it one ticker object, without it (or empty) a list of all symbols' tickers."
          }
        ],
        "responses": {
          "200": {
            "description": "Success: the envelope with `code` 0.",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/X-Request-Id"
              },
              "X-RateLimit-Limit": {
                "$ref": "#/components/headers/X-RateLimit-Limit"
              },
              "X-RateLimit-Remaining": {
                "$ref": "#/components/headers/X-RateLimit-Remaining"
              },
              "X-RateLimit-Reset": {
                "$ref": "#/components/headers/X-RateLimit-Reset"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "type": "object",
                  "required": [
                    "code",
                    "msg",
                    "data"
                  ],
                  "properties": {
                    "code": {
                      "const": 0
                    },
                    "msg": {
                      "const": "OK"
                    },
                    "data": {
                      "oneOf": [
                        {
                          "$ref": "#/components/schemas/Ticker"
                        },
                        {
                          "type": "array",
                          "items": {
                            "$ref": "#/components/schemas/Ticker"
                          }
                        }
                      ]
                    }
                  }
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest1"
          },
          "404": {
            "$ref": "#/components/responses/NotFound1"
          },
          "429": {
            "$ref": "#/components/responses/TooManyRequests1"
          },
          "500": {
            "$ref": "#/components/responses/InternalError1"
          },
          "503": {
            "$ref": "#/components/responses/Unavailable1"
          }
        }
      }
    },
    "/v1/private/user/info": {
      "get": {
        "operationId": "getUserInfo",
        "summary": "The user",
        "tags": [
          "User"
        ],
        "description": "**Access:** JWT or API key with the READ permission; limited per user (weight 1).",
        "x-perpetua-access": "user:READ",
        "x-perpetua-weight": 1,
        "security": [
          {
            "bearerAuth": []
          },
          {
            "apiKey": [],
            "apiTimestamp": [],
            "apiSignature": [],
            "apiRecvWindow": []
          }
        ],
        "responses": {
          "200": {
            "description": "Success: the envelope with `code` 0.",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/X-Request-Id"
              },
              "X-RateLimit-Limit": {
                "$ref": "#/components/headers/X-RateLimit-Limit"
              },
              "X-RateLimit-Remaining": {
                "$ref": "#/components/headers/X-RateLimit-Remaining"
              },
              "X-RateLimit-Reset": {
                "$ref": "#/components/headers/X-RateLimit-Reset"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "type": "object",
                  "required": [
                    "code",
                    "msg",
                    "data"
                  ],
                  "properties": {
                    "code": {
                      "const": 0
                    },
                    "msg": {
                      "const": "OK"
                    },
                    "data": {
                      "$ref": "#/components/schemas/UserInfo"
                    }
                  }
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest1"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized3"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden2"
          },
          "429": {
            "$ref": "#/components/responses/TooManyRequests1"
          },
          "500": {
            "$ref": "#/components/responses/InternalError1"
          },
          "503": {
            "$ref": "#/components/responses/Unavailable1"
          }
        }
      }
    },
    "/v1/private/user/asset": {
      "get": {
        "operationId": "getAsset",
        "summary": "Balances and margin",
        "tags": [
          "User"
        ],
        "description": "**Access:** JWT or API key with the READ permission; limited per user (weight 1).",
        "x-perpetua-access": "user:READ",
        "x-perpetua-weight": 1,
        "security": [
          {
            "bearerAuth": []
          },
          {
            "apiKey": [],
            "apiTimestamp": [],
            "apiSignature": [],
            "apiRecvWindow": []
          }
        ],
        "responses": {
          "200": {
            "description": "Success: the envelope with `code` 0.",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/X-Request-Id"
              },
              "X-RateLimit-Limit": {
                "$ref": "#/components/headers/X-RateLimit-Limit"
              },
              "X-RateLimit-Remaining": {
                "$ref": "#/components/headers/X-RateLimit-Remaining"
              },
              "X-RateLimit-Reset": {
                "$ref": "#/components/headers/X-RateLimit-Reset"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "type": "object",
                  "required": [
                    "code",
                    "msg",
                    "data"
                  ],
                  "properties": {
                    "code": {
                      "const": 0
                    },
                    "msg": {
                      "const": "OK"
                    },
                    "data": {
                      "$ref": "#/components/schemas/Asset"
                    }
                  }
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest1"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized3"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden2"
          },
          "429": {
            "$ref": "#/components/responses/TooManyRequests1"
          },
          "500": {
            "$ref": "#/components/responses/InternalError1"
          },
          "503": {
            "$ref": "#/components/responses/Unavailable1"
          }
        }
      }
    },
    "/v1/private/user/listen-key": {
      "post": {
        "operationId": "createListenKey",
        "summary": "Create or extend the listen key",
        "tags": [
          "User"
        ],
        "description": "Returns the user's live key (extending it) or a new one, valid 60 minutes. No body is read.\n\n**Access:** JWT or API key with the READ permission; limited per user (weight 1).",
        "x-perpetua-access": "user:READ",
        "x-perpetua-weight": 1,
        "security": [
          {
            "bearerAuth": []
          },
          {
            "apiKey": [],
            "apiTimestamp": [],
            "apiSignature": [],
            "apiRecvWindow": []
          }
        ],
        "responses": {
          "200": {
            "description": "Success: the envelope with `code` 0.",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/X-Request-Id"
              },
              "X-RateLimit-Limit": {
                "$ref": "#/components/headers/X-RateLimit-Limit"
              },
              "X-RateLimit-Remaining": {
                "$ref": "#/components/headers/X-RateLimit-Remaining"
              },
              "X-RateLimit-Reset": {
                "$ref": "#/components/headers/X-RateLimit-Reset"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "type": "object",
                  "required": [
                    "code",
                    "msg",
                    "data"
                  ],
                  "properties": {
                    "code": {
                      "const": 0
                    },
                    "msg": {
                      "const": "OK"
                    },
                    "data": {
                      "$ref": "#/components/schemas/ListenKey"
                    }
                  }
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest1"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized3"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden2"
          },
          "429": {
            "$ref": "#/components/responses/TooManyRequests1"
          },
          "500": {
            "$ref": "#/components/responses/InternalError1"
          },
          "503": {
            "$ref": "#/components/responses/Unavailable1"
          }
        }
      },
      "put": {
        "operationId": "extendListenKey",
        "summary": "Extend the listen key",
        "tags": [
          "User"
        ],
        "description": "Extends the key by 60 minutes. `listenKey` in the body or the query; without either, the user's live key (a user has one at a time), and 10010 when there is none.\n\n**Access:** JWT or API key with the READ permission; limited per user (weight 1).",
        "x-perpetua-access": "user:READ",
        "x-perpetua-weight": 1,
        "security": [
          {
            "bearerAuth": []
          },
          {
            "apiKey": [],
            "apiTimestamp": [],
            "apiSignature": [],
            "apiRecvWindow": []
          }
        ],
        "parameters": [
          {
            "name": "listenKey",
            "in": "query",
            "required": false,
            "schema": {
              "type": "string"
            },
            "description": "For clients that cannot send a body (DELETE); the body's `listenKey` wins."
          }
        ],
        "requestBody": {
          "required": false,
          "content": {
            "application/json": {
              "schema": {
                "type": "object",
                "properties": {
                  "listenKey": {
                    "type": [
                      "string",
                      "null"
                    ]
                  }
                },
                "required": []
              }
            }
          },
          "description": "May be omitted: an empty body reads as `{}`."
        },
        "responses": {
          "200": {
            "description": "Success: the envelope with `code` 0.",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/X-Request-Id"
              },
              "X-RateLimit-Limit": {
                "$ref": "#/components/headers/X-RateLimit-Limit"
              },
              "X-RateLimit-Remaining": {
                "$ref": "#/components/headers/X-RateLimit-Remaining"
              },
              "X-RateLimit-Reset": {
                "$ref": "#/components/headers/X-RateLimit-Reset"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "type": "object",
                  "required": [
                    "code",
                    "msg",
                    "data"
                  ],
                  "properties": {
                    "code": {
                      "const": 0
                    },
                    "msg": {
                      "const": "OK"
                    },
                    "data": {
                      "$ref": "#/components/schemas/ListenKey"
                    }
                  }
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest1"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized4"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden2"
          },
          "429": {
            "$ref": "#/components/responses/TooManyRequests1"
          },
          "500": {
            "$ref": "#/components/responses/InternalError1"
          },
          "503": {
            "$ref": "#/components/responses/Unavailable1"
          }
        }
      },
      "delete": {
        "operationId": "closeListenKey",
        "summary": "Close the listen key",
        "tags": [
          "User"
        ],
        "description": "Closes the key and its WebSocket connections. `listenKey` in the body or the query; without either, the user's live key, and 10010 when there is none.\n\n**Access:** JWT or API key with the READ permission; limited per user (weight 1).",
        "x-perpetua-access": "user:READ",
        "x-perpetua-weight": 1,
        "security": [
          {
            "bearerAuth": []
          },
          {
            "apiKey": [],
            "apiTimestamp": [],
            "apiSignature": [],
            "apiRecvWindow": []
          }
        ],
        "parameters": [
          {
            "name": "listenKey",
            "in": "query",
            "required": false,
            "schema": {
              "type": "string"
            },
            "description": "For clients that cannot send a body (DELETE); the body's `listenKey` wins."
          }
        ],
        "requestBody": {
          "required": false,
          "content": {
            "application/json": {
              "schema": {
                "type": "object",
                "properties": {
                  "listenKey": {
                    "type": [
                      "string",
                      "null"
                    ]
                  }
                },
                "required": []
              }
            }
          },
          "description": "May be omitted: an empty body reads as `{}`."
        },
        "responses": {
          "200": {
            "description": "Success: the envelope with `code` 0.",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/X-Request-Id"
              },
              "X-RateLimit-Limit": {
                "$ref": "#/components/headers/X-RateLimit-Limit"
              },
              "X-RateLimit-Remaining": {
                "$ref": "#/components/headers/X-RateLimit-Remaining"
              },
              "X-RateLimit-Reset": {
                "$ref": "#/components/headers/X-RateLimit-Reset"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "type": "object",
                  "required": [
                    "code",
                    "msg",
                    "data"
                  ],
                  "properties": {
                    "code": {
                      "const": 0
                    },
                    "msg": {
                      "const": "OK"
                    },
                    "data": {
                      "type": "object",
                      "properties": {},
                      "required": []
                    }
                  }
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest1"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized4"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden2"
          },
          "429": {
            "$ref": "#/components/responses/TooManyRequests1"
          },
          "500": {
            "$ref": "#/components/responses/InternalError1"
          },
          "503": {
            "$ref": "#/components/responses/Unavailable1"
          }
        }
      }
    },
    "/v1/private/user/account-change-log": {
      "get": {
        "operationId": "getAccountChangeLog",
        "summary": "Account change log",
        "tags": [
          "User"
        ],
        "description": "**Access:** JWT or API key with the READ permission; limited per user (weight 5).",
        "x-perpetua-access": "user:READ",
        "x-perpetua-weight": 5,
        "security": [
          {
            "bearerAuth": []
          },
          {
            "apiKey": [],
            "apiTimestamp": [],
            "apiSignature": [],
            "apiRecvWindow": []
          }
        ],
        "parameters": [
          {
            "name": "type",
            "in": "query",
            "required": false,
            "schema": {
              "type": "string",
              "enum": [
                "DEPOSIT",
                "WITHDRAW",
                "REALIZED_PNL",
                "TRADE_FEE",
                "FUNDING_FEE",
                "LIQUIDATION_FEE",
                "INSURANCE_CLEAR",
                "ADL",
                "ADJUSTMENT"
              ]
            }
          },
          {
            "$ref": "#/components/parameters/limit"
          },
          {
            "$ref": "#/components/parameters/startTime"
          },
          {
            "$ref": "#/components/parameters/endTime"
          },
          {
            "$ref": "#/components/parameters/cursor"
          }
        ],
        "responses": {
          "200": {
            "description": "Success: the envelope with `code` 0.",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/X-Request-Id"
              },
              "X-RateLimit-Limit": {
                "$ref": "#/components/headers/X-RateLimit-Limit"
              },
              "X-RateLimit-Remaining": {
                "$ref": "#/components/headers/X-RateLimit-Remaining"
              },
              "X-RateLimit-Reset": {
                "$ref": "#/components/headers/X-RateLimit-Reset"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "type": "object",
                  "required": [
                    "code",
                    "msg",
                    "data"
                  ],
                  "properties": {
                    "code": {
                      "const": 0
                    },
                    "msg": {
                      "const": "OK"
                    },
                    "data": {
                      "type": "object",
                      "properties": {
                        "items": {
                          "type": "array",
                          "items": {
                            "$ref": "#/components/schemas/AccountChange"
                          }
                        },
                        "nextCursor": {
                          "type": [
                            "string",
                            "null"
                          ],
                          "description": "Opaque; pass it back as `cursor` for the next (older) page, null on the last page."
                        }
                      },
                      "required": [
                        "items",
                        "nextCursor"
                      ]
                    }
                  }
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest1"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized3"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden2"
          },
          "429": {
            "$ref": "#/components/responses/TooManyRequests1"
          },
          "500": {
            "$ref": "#/components/responses/InternalError1"
          },
          "503": {
            "$ref": "#/components/responses/Unavailable1"
          }
        }
      }
    },
    "/v1/private/user/volume-stats": {
      "get": {
        "operationId": "getVolumeStats",
        "summary": "Trading volume and fee tier",
        "tags": [
          "User"
        ],
        "description": "The 30 days before today (UTC) from the store; `daily` lists those days that had activity, oldest first, then today (live from the engine). `volume30d` is the engine's rolling 30-day volume that sets the fee tier; `feeTier`, `makerRate`, `takerRate` are the tier it selects on the first listed symbol's schedule.\n\n**Access:** JWT or API key with the READ permission; limited per user (weight 5).",
        "x-perpetua-access": "user:READ",
        "x-perpetua-weight": 5,
        "security": [
          {
            "bearerAuth": []
          },
          {
            "apiKey": [],
            "apiTimestamp": [],
            "apiSignature": [],
            "apiRecvWindow": []
          }
        ],
        "responses": {
          "200": {
            "description": "Success: the envelope with `code` 0.",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/X-Request-Id"
              },
              "X-RateLimit-Limit": {
                "$ref": "#/components/headers/X-RateLimit-Limit"
              },
              "X-RateLimit-Remaining": {
                "$ref": "#/components/headers/X-RateLimit-Remaining"
              },
              "X-RateLimit-Reset": {
                "$ref": "#/components/headers/X-RateLimit-Reset"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "type": "object",
                  "required": [
                    "code",
                    "msg",
                    "data"
                  ],
                  "properties": {
                    "code": {
                      "const": 0
                    },
                    "msg": {
                      "const": "OK"
                    },
                    "data": {
                      "$ref": "#/components/schemas/VolumeStats"
                    }
                  }
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest1"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized3"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden2"
          },
          "429": {
            "$ref": "#/components/responses/TooManyRequests1"
          },
          "500": {
            "$ref": "#/components/responses/InternalError1"
          },
          "503": {
            "$ref": "#/components/responses/Unavailable1"
          }
        }
      }
    },
    "/v1/private/user/balance-history": {
      "get": {
        "operationId": "getBalanceHistory",
        "summary": "Daily balances",
        "tags": [
          "User"
        ],
        "description": "End-of-day wallet and margin balance per UTC day, oldest first.\n\n**Access:** JWT or API key with the READ permission; limited per user (weight 5).",
        "x-perpetua-access": "user:READ",
        "x-perpetua-weight": 5,
        "security": [
          {
            "bearerAuth": []
          },
          {
            "apiKey": [],
            "apiTimestamp": [],
            "apiSignature": [],
            "apiRecvWindow": []
          }
        ],
        "parameters": [
          {
            "name": "startTime",
            "in": "query",
            "required": false,
            "schema": {
              "type": "integer",
              "minimum": 0,
              "format": "int64"
            }
          },
          {
            "name": "endTime",
            "in": "query",
            "required": false,
            "schema": {
              "type": "integer",
              "minimum": 0,
              "format": "int64"
            }
          }
        ],
        "responses": {
          "200": {
            "description": "Success: the envelope with `code` 0.",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/X-Request-Id"
              },
              "X-RateLimit-Limit": {
                "$ref": "#/components/headers/X-RateLimit-Limit"
              },
              "X-RateLimit-Remaining": {
                "$ref": "#/components/headers/X-RateLimit-Remaining"
              },
              "X-RateLimit-Reset": {
                "$ref": "#/components/headers/X-RateLimit-Reset"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "type": "object",
                  "required": [
                    "code",
                    "msg",
                    "data"
                  ],
                  "properties": {
                    "code": {
                      "const": 0
                    },
                    "msg": {
                      "const": "OK"
                    },
                    "data": {
                      "type": "array",
                      "items": {
                        "$ref": "#/components/schemas/BalanceDay"
                      }
                    }
                  }
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest1"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized3"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden2"
          },
          "429": {
            "$ref": "#/components/responses/TooManyRequests1"
          },
          "500": {
            "$ref": "#/components/responses/InternalError1"
          },
          "503": {
            "$ref": "#/components/responses/Unavailable1"
          }
        }
      }
    },
    "/v1/private/user/trade-overview": {
      "get": {
        "operationId": "getTradeOverview",
        "summary": "Trading overview",
        "tags": [
          "User"
        ],
        "description": "Over the period's UTC days, today included: `realizedPnl`, `funding` from the change log; `fees` is the trading fee paid (positive = paid, negative = net rebate); `volume` the traded notional; `tradeCount` the own fills; `winRate` = closed positions with realised PnL > 0 / closed positions (\"0\" when none). `trend` has one point per day: `pnl` = that day's change-log sum except deposits, withdrawals and adjustments, `cumulativePnl` its running sum.\n\n**Access:** JWT or API key with the READ permission; limited per user (weight 10).",
        "x-perpetua-access": "user:READ",
        "x-perpetua-weight": 10,
        "security": [
          {
            "bearerAuth": []
          },
          {
            "apiKey": [],
            "apiTimestamp": [],
            "apiSignature": [],
            "apiRecvWindow": []
          }
        ],
        "parameters": [
          {
            "name": "period",
            "in": "query",
            "required": false,
            "schema": {
              "type": "string",
              "enum": [
                "7d",
                "30d",
                "90d"
              ]
            },
            "description": "Default 30d."
          }
        ],
        "responses": {
          "200": {
            "description": "Success: the envelope with `code` 0.",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/X-Request-Id"
              },
              "X-RateLimit-Limit": {
                "$ref": "#/components/headers/X-RateLimit-Limit"
              },
              "X-RateLimit-Remaining": {
                "$ref": "#/components/headers/X-RateLimit-Remaining"
              },
              "X-RateLimit-Reset": {
                "$ref": "#/components/headers/X-RateLimit-Reset"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "type": "object",
                  "required": [
                    "code",
                    "msg",
                    "data"
                  ],
                  "properties": {
                    "code": {
                      "const": 0
                    },
                    "msg": {
                      "const": "OK"
                    },
                    "data": {
                      "$ref": "#/components/schemas/TradeOverview"
                    }
                  }
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest1"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized3"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden2"
          },
          "429": {
            "$ref": "#/components/responses/TooManyRequests1"
          },
          "500": {
            "$ref": "#/components/responses/InternalError1"
          },
          "503": {
            "$ref": "#/components/responses/Unavailable1"
          }
        }
      }
    },
    "/v1/private/user/asset/overview/summary": {
      "get": {
        "operationId": "getAssetSummary",
        "summary": "Asset overview",
        "tags": [
          "User"
        ],
        "description": "`equity` = margin balance. `pnlToday`, `pnl7d`, `pnl30d`: the change-log sum except deposits, withdrawals and adjustments since the start of today, of 7 and of 30 UTC days (today included). `roi30d` = pnl30d / (equity − pnl30d + the amount withdrawn in the 30 days), i.e. the equity 30 days ago plus what was deposited since; a ratio (\"0.05\" = 5 %), \"0\" when that capital is not positive.\n\n**Access:** JWT or API key with the READ permission; limited per user (weight 10).",
        "x-perpetua-access": "user:READ",
        "x-perpetua-weight": 10,
        "security": [
          {
            "bearerAuth": []
          },
          {
            "apiKey": [],
            "apiTimestamp": [],
            "apiSignature": [],
            "apiRecvWindow": []
          }
        ],
        "responses": {
          "200": {
            "description": "Success: the envelope with `code` 0.",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/X-Request-Id"
              },
              "X-RateLimit-Limit": {
                "$ref": "#/components/headers/X-RateLimit-Limit"
              },
              "X-RateLimit-Remaining": {
                "$ref": "#/components/headers/X-RateLimit-Remaining"
              },
              "X-RateLimit-Reset": {
                "$ref": "#/components/headers/X-RateLimit-Reset"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "type": "object",
                  "required": [
                    "code",
                    "msg",
                    "data"
                  ],
                  "properties": {
                    "code": {
                      "const": 0
                    },
                    "msg": {
                      "const": "OK"
                    },
                    "data": {
                      "$ref": "#/components/schemas/AssetSummary"
                    }
                  }
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest1"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized3"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden2"
          },
          "429": {
            "$ref": "#/components/responses/TooManyRequests1"
          },
          "500": {
            "$ref": "#/components/responses/InternalError1"
          },
          "503": {
            "$ref": "#/components/responses/Unavailable1"
          }
        }
      }
    },
    "/v1/private/user/asset/overview/trend": {
      "get": {
        "operationId": "getAssetTrend",
        "summary": "Equity trend",
        "tags": [
          "User"
        ],
        "description": "One point per past UTC day at the day's end (`time` = next midnight) with the day's closing margin balance, then one point now with the live margin balance.\n\n**Access:** JWT or API key with the READ permission; limited per user (weight 5).",
        "x-perpetua-access": "user:READ",
        "x-perpetua-weight": 5,
        "security": [
          {
            "bearerAuth": []
          },
          {
            "apiKey": [],
            "apiTimestamp": [],
            "apiSignature": [],
            "apiRecvWindow": []
          }
        ],
        "parameters": [
          {
            "name": "period",
            "in": "query",
            "required": false,
            "schema": {
              "type": "string",
              "enum": [
                "7d",
                "30d",
                "90d"
              ]
            },
            "description": "Default 30d."
          }
        ],
        "responses": {
          "200": {
            "description": "Success: the envelope with `code` 0.",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/X-Request-Id"
              },
              "X-RateLimit-Limit": {
                "$ref": "#/components/headers/X-RateLimit-Limit"
              },
              "X-RateLimit-Remaining": {
                "$ref": "#/components/headers/X-RateLimit-Remaining"
              },
              "X-RateLimit-Reset": {
                "$ref": "#/components/headers/X-RateLimit-Reset"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "type": "object",
                  "required": [
                    "code",
                    "msg",
                    "data"
                  ],
                  "properties": {
                    "code": {
                      "const": 0
                    },
                    "msg": {
                      "const": "OK"
                    },
                    "data": {
                      "type": "array",
                      "items": {
                        "$ref": "#/components/schemas/EquityPoint"
                      }
                    }
                  }
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest1"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized3"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden2"
          },
          "429": {
            "$ref": "#/components/responses/TooManyRequests1"
          },
          "500": {
            "$ref": "#/components/responses/InternalError1"
          },
          "503": {
            "$ref": "#/components/responses/Unavailable1"
          }
        }
      }
    },
    "/v1/private/user/favorite-symbols": {
      "post": {
        "operationId": "setFavoriteSymbols",
        "summary": "Replace favourite symbols",
        "tags": [
          "User"
        ],
        "description": "Overwrites the list (at most 50, each must exist: 12002 otherwise).\n\n**Access:** JWT or API key with the READ permission; limited per user (weight 1).",
        "x-perpetua-access": "user:READ",
        "x-perpetua-weight": 1,
        "security": [
          {
            "bearerAuth": []
          },
          {
            "apiKey": [],
            "apiTimestamp": [],
            "apiSignature": [],
            "apiRecvWindow": []
          }
        ],
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "type": "object",
                "properties": {
                  "symbols": {
                    "type": "array",
                    "items": {
                      "type": "string"
                    },
                    "maxItems": 50
                  }
                },
                "required": [
                  "symbols"
                ]
              }
            }
          }
        },
        "responses": {
          "200": {
            "description": "Success: the envelope with `code` 0.",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/X-Request-Id"
              },
              "X-RateLimit-Limit": {
                "$ref": "#/components/headers/X-RateLimit-Limit"
              },
              "X-RateLimit-Remaining": {
                "$ref": "#/components/headers/X-RateLimit-Remaining"
              },
              "X-RateLimit-Reset": {
                "$ref": "#/components/headers/X-RateLimit-Reset"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "type": "object",
                  "required": [
                    "code",
                    "msg",
                    "data"
                  ],
                  "properties": {
                    "code": {
                      "const": 0
                    },
                    "msg": {
                      "const": "OK"
                    },
                    "data": {
                      "$ref": "#/components/schemas/FavoriteSymbols"
                    }
                  }
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest1"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized3"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden2"
          },
          "404": {
            "$ref": "#/components/responses/NotFound1"
          },
          "429": {
            "$ref": "#/components/responses/TooManyRequests1"
          },
          "500": {
            "$ref": "#/components/responses/InternalError1"
          },
          "503": {
            "$ref": "#/components/responses/Unavailable1"
          }
        }
      },
      "get": {
        "operationId": "getFavoriteSymbols",
        "summary": "Favourite symbols",
        "tags": [
          "User"
        ],
        "description": "**Access:** JWT or API key with the READ permission; limited per user (weight 1).",
        "x-perpetua-access": "user:READ",
        "x-perpetua-weight": 1,
        "security": [
          {
            "bearerAuth": []
          },
          {
            "apiKey": [],
            "apiTimestamp": [],
            "apiSignature": [],
            "apiRecvWindow": []
          }
        ],
        "responses": {
          "200": {
            "description": "Success: the envelope with `code` 0.",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/X-Request-Id"
              },
              "X-RateLimit-Limit": {
                "$ref": "#/components/headers/X-RateLimit-Limit"
              },
              "X-RateLimit-Remaining": {
                "$ref": "#/components/headers/X-RateLimit-Remaining"
              },
              "X-RateLimit-Reset": {
                "$ref": "#/components/headers/X-RateLimit-Reset"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "type": "object",
                  "required": [
                    "code",
                    "msg",
                    "data"
                  ],
                  "properties": {
                    "code": {
                      "const": 0
                    },
                    "msg": {
                      "const": "OK"
                    },
                    "data": {
                      "$ref": "#/components/schemas/FavoriteSymbols"
                    }
                  }
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest1"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized3"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden2"
          },
          "429": {
            "$ref": "#/components/responses/TooManyRequests1"
          },
          "500": {
            "$ref": "#/components/responses/InternalError1"
          },
          "503": {
            "$ref": "#/components/responses/Unavailable1"
          }
        }
      }
    },
    "/v1/private/user/logout": {
      "post": {
        "operationId": "logout",
        "summary": "Log out",
        "tags": [
          "Session"
        ],
        "description": "No body is read. Needs the session's access token and its refresh cookie; revokes the session and clears the cookie. An API key answers 10009.\n\n**Access:** JWT or API key with the READ permission; limited per user (weight 1).",
        "x-perpetua-access": "user:READ",
        "x-perpetua-weight": 1,
        "security": [
          {
            "bearerAuth": []
          },
          {
            "apiKey": [],
            "apiTimestamp": [],
            "apiSignature": [],
            "apiRecvWindow": []
          }
        ],
        "parameters": [
          {
            "name": "refresh_token",
            "in": "cookie",
            "required": false,
            "schema": {
              "type": "string"
            }
          }
        ],
        "responses": {
          "200": {
            "description": "Success: the envelope with `code` 0.",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/X-Request-Id"
              },
              "X-RateLimit-Limit": {
                "$ref": "#/components/headers/X-RateLimit-Limit"
              },
              "X-RateLimit-Remaining": {
                "$ref": "#/components/headers/X-RateLimit-Remaining"
              },
              "X-RateLimit-Reset": {
                "$ref": "#/components/headers/X-RateLimit-Reset"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "type": "object",
                  "required": [
                    "code",
                    "msg",
                    "data"
                  ],
                  "properties": {
                    "code": {
                      "const": 0
                    },
                    "msg": {
                      "const": "OK"
                    },
                    "data": {
                      "type": "object",
                      "properties": {},
                      "required": []
                    }
                  }
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest1"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized3"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden3"
          },
          "429": {
            "$ref": "#/components/responses/TooManyRequests1"
          },
          "500": {
            "$ref": "#/components/responses/InternalError1"
          },
          "503": {
            "$ref": "#/components/responses/Unavailable1"
          }
        }
      }
    },
    "/v1/private/user/agent-sso/ticket": {
      "post": {
        "operationId": "createAgentTicket",
        "summary": "Mint an agent ticket",
        "tags": [
          "Agent sign-on"
        ],
        "description": "**Access:** The user's own JWT session only (an API key answers 10009, an agent or embedded session 10007).",
        "x-perpetua-access": "session",
        "x-perpetua-weight": 1,
        "security": [
          {
            "bearerAuth": []
          }
        ],
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "type": "object",
                "properties": {
                  "label": {
                    "type": "string"
                  },
                  "permissions": {
                    "type": "array",
                    "items": {
                      "type": "string",
                      "enum": [
                        "READ",
                        "TRADE"
                      ]
                    },
                    "minItems": 1
                  },
                  "ttlSeconds": {
                    "type": [
                      "integer",
                      "null"
                    ],
                    "description": "1 to 300 (the default; configurable)."
                  }
                },
                "required": [
                  "label",
                  "permissions"
                ]
              }
            }
          }
        },
        "responses": {
          "200": {
            "description": "Success: the envelope with `code` 0.",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/X-Request-Id"
              },
              "X-RateLimit-Limit": {
                "$ref": "#/components/headers/X-RateLimit-Limit"
              },
              "X-RateLimit-Remaining": {
                "$ref": "#/components/headers/X-RateLimit-Remaining"
              },
              "X-RateLimit-Reset": {
                "$ref": "#/components/headers/X-RateLimit-Reset"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "type": "object",
                  "required": [
                    "code",
                    "msg",
                    "data"
                  ],
                  "properties": {
                    "code": {
                      "const": 0
                    },
                    "msg": {
                      "const": "OK"
                    },
                    "data": {
                      "$ref": "#/components/schemas/AgentTicket"
                    }
                  }
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest1"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized1"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden4"
          },
          "429": {
            "$ref": "#/components/responses/TooManyRequests1"
          },
          "500": {
            "$ref": "#/components/responses/InternalError1"
          },
          "503": {
            "$ref": "#/components/responses/Unavailable1"
          }
        }
      }
    },
    "/v1/private/user/agent-sso/embed-token": {
      "post": {
        "operationId": "createEmbedToken",
        "summary": "Mint an embed token",
        "tags": [
          "Agent sign-on"
        ],
        "description": "**Access:** The user's own JWT session only (an API key answers 10009, an agent or embedded session 10007).",
        "x-perpetua-access": "session",
        "x-perpetua-weight": 1,
        "security": [
          {
            "bearerAuth": []
          }
        ],
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "type": "object",
                "properties": {
                  "permissions": {
                    "type": "array",
                    "items": {
                      "type": "string",
                      "enum": [
                        "READ",
                        "TRADE"
                      ]
                    },
                    "minItems": 1
                  },
                  "ttlSeconds": {
                    "type": [
                      "integer",
                      "null"
                    ],
                    "description": "1 to 60 (the default; configurable)."
                  }
                },
                "required": [
                  "permissions"
                ]
              }
            }
          }
        },
        "responses": {
          "200": {
            "description": "Success: the envelope with `code` 0.",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/X-Request-Id"
              },
              "X-RateLimit-Limit": {
                "$ref": "#/components/headers/X-RateLimit-Limit"
              },
              "X-RateLimit-Remaining": {
                "$ref": "#/components/headers/X-RateLimit-Remaining"
              },
              "X-RateLimit-Reset": {
                "$ref": "#/components/headers/X-RateLimit-Reset"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "type": "object",
                  "required": [
                    "code",
                    "msg",
                    "data"
                  ],
                  "properties": {
                    "code": {
                      "const": 0
                    },
                    "msg": {
                      "const": "OK"
                    },
                    "data": {
                      "$ref": "#/components/schemas/EmbedToken"
                    }
                  }
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest1"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized1"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden4"
          },
          "429": {
            "$ref": "#/components/responses/TooManyRequests1"
          },
          "500": {
            "$ref": "#/components/responses/InternalError1"
          },
          "503": {
            "$ref": "#/components/responses/Unavailable1"
          }
        }
      }
    },
    "/v1/private/user/api-key/create": {
      "post": {
        "operationId": "createApiKey",
        "summary": "Create an API key",
        "tags": [
          "API keys"
        ],
        "description": "The secret is in this answer only. A key without an IP whitelist expires after 90 days (configurable), or sooner with `expiresInDays`; a key with one does not expire unless created with `expiresInDays` (at most 3650). A request with an expired key answers 10006 saying which of these made it expire and what a new key needs. At most 30 keys per user.\n\n**Access:** The user's own JWT session only (an API key answers 10009, an agent or embedded session 10007).",
        "x-perpetua-access": "session",
        "x-perpetua-weight": 1,
        "security": [
          {
            "bearerAuth": []
          }
        ],
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "type": "object",
                "properties": {
                  "label": {
                    "type": "string",
                    "description": "1 to 64 characters, no control characters."
                  },
                  "permissions": {
                    "type": "array",
                    "items": {
                      "type": "string",
                      "enum": [
                        "READ",
                        "TRADE"
                      ]
                    },
                    "minItems": 1
                  },
                  "ipWhitelist": {
                    "type": [
                      "array",
                      "null"
                    ],
                    "items": {
                      "type": "string"
                    },
                    "maxItems": 20
                  },
                  "expiresInDays": {
                    "type": [
                      "integer",
                      "null"
                    ]
                  }
                },
                "required": [
                  "label",
                  "permissions"
                ]
              }
            }
          }
        },
        "responses": {
          "200": {
            "description": "Success: the envelope with `code` 0.",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/X-Request-Id"
              },
              "X-RateLimit-Limit": {
                "$ref": "#/components/headers/X-RateLimit-Limit"
              },
              "X-RateLimit-Remaining": {
                "$ref": "#/components/headers/X-RateLimit-Remaining"
              },
              "X-RateLimit-Reset": {
                "$ref": "#/components/headers/X-RateLimit-Reset"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "type": "object",
                  "required": [
                    "code",
                    "msg",
                    "data"
                  ],
                  "properties": {
                    "code": {
                      "const": 0
                    },
                    "msg": {
                      "const": "OK"
                    },
                    "data": {
                      "$ref": "#/components/schemas/CreatedApiKey"
                    }
                  }
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest1"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized1"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden4"
          },
          "429": {
            "$ref": "#/components/responses/TooManyRequests1"
          },
          "500": {
            "$ref": "#/components/responses/InternalError1"
          },
          "503": {
            "$ref": "#/components/responses/Unavailable1"
          }
        }
      }
    },
    "/v1/private/user/api-key/list": {
      "get": {
        "operationId": "listApiKeys",
        "summary": "List API keys",
        "tags": [
          "API keys"
        ],
        "description": "**Access:** The user's own JWT session only (an API key answers 10009, an agent or embedded session 10007).",
        "x-perpetua-access": "session",
        "x-perpetua-weight": 1,
        "security": [
          {
            "bearerAuth": []
          }
        ],
        "responses": {
          "200": {
            "description": "Success: the envelope with `code` 0.",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/X-Request-Id"
              },
              "X-RateLimit-Limit": {
                "$ref": "#/components/headers/X-RateLimit-Limit"
              },
              "X-RateLimit-Remaining": {
                "$ref": "#/components/headers/X-RateLimit-Remaining"
              },
              "X-RateLimit-Reset": {
                "$ref": "#/components/headers/X-RateLimit-Reset"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "type": "object",
                  "required": [
                    "code",
                    "msg",
                    "data"
                  ],
                  "properties": {
                    "code": {
                      "const": 0
                    },
                    "msg": {
                      "const": "OK"
                    },
                    "data": {
                      "type": "array",
                      "items": {
                        "$ref": "#/components/schemas/ApiKey"
                      }
                    }
                  }
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest1"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized1"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden4"
          },
          "429": {
            "$ref": "#/components/responses/TooManyRequests1"
          },
          "500": {
            "$ref": "#/components/responses/InternalError1"
          },
          "503": {
            "$ref": "#/components/responses/Unavailable1"
          }
        }
      }
    },
    "/v1/private/user/api-key/update": {
      "put": {
        "operationId": "updateApiKey",
        "summary": "Update an API key",
        "tags": [
          "API keys"
        ],
        "description": "**Access:** The user's own JWT session only (an API key answers 10009, an agent or embedded session 10007).",
        "x-perpetua-access": "session",
        "x-perpetua-weight": 1,
        "security": [
          {
            "bearerAuth": []
          }
        ],
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "type": "object",
                "properties": {
                  "apiKey": {
                    "type": "string"
                  },
                  "label": {
                    "type": [
                      "string",
                      "null"
                    ]
                  },
                  "permissions": {
                    "type": [
                      "array",
                      "null"
                    ],
                    "items": {
                      "type": "string",
                      "enum": [
                        "READ",
                        "TRADE"
                      ]
                    }
                  },
                  "ipWhitelist": {
                    "type": [
                      "array",
                      "null"
                    ],
                    "items": {
                      "type": "string"
                    },
                    "maxItems": 20
                  },
                  "status": {
                    "type": [
                      "string",
                      "null"
                    ],
                    "enum": [
                      "ENABLED",
                      "DISABLED",
                      null
                    ]
                  }
                },
                "required": [
                  "apiKey"
                ]
              }
            }
          }
        },
        "responses": {
          "200": {
            "description": "Success: the envelope with `code` 0.",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/X-Request-Id"
              },
              "X-RateLimit-Limit": {
                "$ref": "#/components/headers/X-RateLimit-Limit"
              },
              "X-RateLimit-Remaining": {
                "$ref": "#/components/headers/X-RateLimit-Remaining"
              },
              "X-RateLimit-Reset": {
                "$ref": "#/components/headers/X-RateLimit-Reset"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "type": "object",
                  "required": [
                    "code",
                    "msg",
                    "data"
                  ],
                  "properties": {
                    "code": {
                      "const": 0
                    },
                    "msg": {
                      "const": "OK"
                    },
                    "data": {
                      "$ref": "#/components/schemas/ApiKey"
                    }
                  }
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest1"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized1"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden4"
          },
          "404": {
            "$ref": "#/components/responses/NotFound2"
          },
          "429": {
            "$ref": "#/components/responses/TooManyRequests1"
          },
          "500": {
            "$ref": "#/components/responses/InternalError1"
          },
          "503": {
            "$ref": "#/components/responses/Unavailable1"
          }
        }
      }
    },
    "/v1/private/user/api-key/delete": {
      "post": {
        "operationId": "deleteApiKey",
        "summary": "Delete an API key",
        "tags": [
          "API keys"
        ],
        "description": "12004 when the key is not one of the user's.\n\n**Access:** The user's own JWT session only (an API key answers 10009, an agent or embedded session 10007).",
        "x-perpetua-access": "session",
        "x-perpetua-weight": 1,
        "security": [
          {
            "bearerAuth": []
          }
        ],
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "type": "object",
                "properties": {
                  "apiKey": {
                    "type": "string"
                  }
                },
                "required": [
                  "apiKey"
                ]
              }
            }
          }
        },
        "responses": {
          "200": {
            "description": "Success: the envelope with `code` 0.",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/X-Request-Id"
              },
              "X-RateLimit-Limit": {
                "$ref": "#/components/headers/X-RateLimit-Limit"
              },
              "X-RateLimit-Remaining": {
                "$ref": "#/components/headers/X-RateLimit-Remaining"
              },
              "X-RateLimit-Reset": {
                "$ref": "#/components/headers/X-RateLimit-Reset"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "type": "object",
                  "required": [
                    "code",
                    "msg",
                    "data"
                  ],
                  "properties": {
                    "code": {
                      "const": 0
                    },
                    "msg": {
                      "const": "OK"
                    },
                    "data": {
                      "$ref": "#/components/schemas/DeletedCount"
                    }
                  }
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest1"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized1"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden4"
          },
          "404": {
            "$ref": "#/components/responses/NotFound2"
          },
          "429": {
            "$ref": "#/components/responses/TooManyRequests1"
          },
          "500": {
            "$ref": "#/components/responses/InternalError1"
          },
          "503": {
            "$ref": "#/components/responses/Unavailable1"
          }
        }
      }
    },
    "/v1/private/user/api-key/delete-all": {
      "post": {
        "operationId": "deleteAllApiKeys",
        "summary": "Delete every API key",
        "tags": [
          "API keys"
        ],
        "description": "No body is read.\n\n**Access:** The user's own JWT session only (an API key answers 10009, an agent or embedded session 10007).",
        "x-perpetua-access": "session",
        "x-perpetua-weight": 1,
        "security": [
          {
            "bearerAuth": []
          }
        ],
        "responses": {
          "200": {
            "description": "Success: the envelope with `code` 0.",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/X-Request-Id"
              },
              "X-RateLimit-Limit": {
                "$ref": "#/components/headers/X-RateLimit-Limit"
              },
              "X-RateLimit-Remaining": {
                "$ref": "#/components/headers/X-RateLimit-Remaining"
              },
              "X-RateLimit-Reset": {
                "$ref": "#/components/headers/X-RateLimit-Reset"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "type": "object",
                  "required": [
                    "code",
                    "msg",
                    "data"
                  ],
                  "properties": {
                    "code": {
                      "const": 0
                    },
                    "msg": {
                      "const": "OK"
                    },
                    "data": {
                      "$ref": "#/components/schemas/DeletedCount"
                    }
                  }
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest1"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized1"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden4"
          },
          "429": {
            "$ref": "#/components/responses/TooManyRequests1"
          },
          "500": {
            "$ref": "#/components/responses/InternalError1"
          },
          "503": {
            "$ref": "#/components/responses/Unavailable1"
          }
        }
      }
    },
    "/v1/private/order": {
      "get": {
        "operationId": "getOrder",
        "summary": "Query an order",
        "tags": [
          "Orders"
        ],
        "description": "Open orders from the engine, final ones from the history; exactly one of `orderId` and `clientOrderId` (12001 otherwise).\n\n**Access:** JWT or API key with the TRADE permission; limited per user (weight 1).",
        "x-perpetua-access": "user:TRADE",
        "x-perpetua-weight": 1,
        "security": [
          {
            "bearerAuth": []
          },
          {
            "apiKey": [],
            "apiTimestamp": [],
            "apiSignature": [],
            "apiRecvWindow": []
          }
        ],
        "parameters": [
          {
            "$ref": "#/components/parameters/symbolRequired"
          },
          {
            "name": "orderId",
            "in": "query",
            "required": false,
            "schema": {
              "type": "string",
              "pattern": "^[+]?[0-9]{1,20}$"
            },
            "description": "Either this or clientOrderId."
          },
          {
            "name": "clientOrderId",
            "in": "query",
            "required": false,
            "schema": {
              "$ref": "#/components/schemas/ClientOrderId"
            },
            "description": "Either this or orderId."
          }
        ],
        "responses": {
          "200": {
            "description": "Success: the envelope with `code` 0.",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/X-Request-Id"
              },
              "X-RateLimit-Limit": {
                "$ref": "#/components/headers/X-RateLimit-Limit"
              },
              "X-RateLimit-Remaining": {
                "$ref": "#/components/headers/X-RateLimit-Remaining"
              },
              "X-RateLimit-Reset": {
                "$ref": "#/components/headers/X-RateLimit-Reset"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "type": "object",
                  "required": [
                    "code",
                    "msg",
                    "data"
                  ],
                  "properties": {
                    "code": {
                      "const": 0
                    },
                    "msg": {
                      "const": "OK"
                    },
                    "data": {
                      "$ref": "#/components/schemas/Order"
                    }
                  }
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest1"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized3"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden2"
          },
          "404": {
            "$ref": "#/components/responses/NotFound3"
          },
          "429": {
            "$ref": "#/components/responses/TooManyRequests1"
          },
          "500": {
            "$ref": "#/components/responses/InternalError1"
          },
          "503": {
            "$ref": "#/components/responses/Unavailable1"
          }
        }
      }
    },
    "/v1/private/order/place": {
      "post": {
        "operationId": "placeOrder",
        "summary": "Place an order",
        "tags": [
          "Orders"
        ],
        "description": "Validation order: symbol, status, parameters, tick/step/min/max/notional, price band, account state, margin, then match. A MARKET order is IOC inside the symbol's price band around the mark price. Resubmitting an open or recent `clientOrderId` answers 13015 with the existing order in `data`. Counts against the order bucket (300 per 10 s).\n\n**Access:** JWT or API key with the TRADE permission; limited per user (weight 1).",
        "x-perpetua-access": "user:TRADE",
        "x-perpetua-weight": 1,
        "security": [
          {
            "bearerAuth": []
          },
          {
            "apiKey": [],
            "apiTimestamp": [],
            "apiSignature": [],
            "apiRecvWindow": []
          }
        ],
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/PlaceOrderRequest"
              }
            }
          }
        },
        "responses": {
          "200": {
            "description": "Success: the envelope with `code` 0.",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/X-Request-Id"
              },
              "X-RateLimit-Limit": {
                "$ref": "#/components/headers/X-RateLimit-Limit"
              },
              "X-RateLimit-Remaining": {
                "$ref": "#/components/headers/X-RateLimit-Remaining"
              },
              "X-RateLimit-Reset": {
                "$ref": "#/components/headers/X-RateLimit-Reset"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "type": "object",
                  "required": [
                    "code",
                    "msg",
                    "data"
                  ],
                  "properties": {
                    "code": {
                      "const": 0
                    },
                    "msg": {
                      "const": "OK"
                    },
                    "data": {
                      "$ref": "#/components/schemas/Order"
                    }
                  }
                }
              }
            },
            "links": {
              "GetOrder": {
                "operationId": "getOrder",
                "parameters": {
                  "symbol": "$response.body#/data/symbol",
                  "orderId": "$response.body#/data/orderId"
                },
                "description": "The order just placed, by its `orderId`."
              },
              "CancelOrder": {
                "operationId": "cancelOrder",
                "requestBody": {
                  "symbol": "$response.body#/data/symbol",
                  "orderId": "$response.body#/data/orderId"
                },
                "description": "Cancel the order just placed."
              },
              "MoveOrder": {
                "operationId": "moveOrder",
                "requestBody": {
                  "symbol": "$response.body#/data/symbol",
                  "orderId": "$response.body#/data/orderId",
                  "quantity": "$response.body#/data/quantity"
                },
                "description": "Amend the order just placed."
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest2"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized3"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden5"
          },
          "404": {
            "$ref": "#/components/responses/NotFound1"
          },
          "409": {
            "$ref": "#/components/responses/Conflict1"
          },
          "429": {
            "$ref": "#/components/responses/TooManyRequests1"
          },
          "500": {
            "$ref": "#/components/responses/InternalError1"
          },
          "503": {
            "$ref": "#/components/responses/Unavailable1"
          }
        }
      }
    },
    "/v1/private/order/place-condition": {
      "post": {
        "operationId": "placeConditionOrder",
        "summary": "Place a condition order",
        "tags": [
          "Orders"
        ],
        "description": "A stop BUY triggers when the price rises to the trigger, a stop SELL when it falls to it; take-profit the other way. A trailing SELL tracks the highest price since activation and triggers `callbackRate` below it. `quantity` or `closePosition: true`, not both.\n\n**Access:** JWT or API key with the TRADE permission; limited per user (weight 1).",
        "x-perpetua-access": "user:TRADE",
        "x-perpetua-weight": 1,
        "security": [
          {
            "bearerAuth": []
          },
          {
            "apiKey": [],
            "apiTimestamp": [],
            "apiSignature": [],
            "apiRecvWindow": []
          }
        ],
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/PlaceConditionRequest"
              }
            }
          }
        },
        "responses": {
          "200": {
            "description": "Success: the envelope with `code` 0.",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/X-Request-Id"
              },
              "X-RateLimit-Limit": {
                "$ref": "#/components/headers/X-RateLimit-Limit"
              },
              "X-RateLimit-Remaining": {
                "$ref": "#/components/headers/X-RateLimit-Remaining"
              },
              "X-RateLimit-Reset": {
                "$ref": "#/components/headers/X-RateLimit-Reset"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "type": "object",
                  "required": [
                    "code",
                    "msg",
                    "data"
                  ],
                  "properties": {
                    "code": {
                      "const": 0
                    },
                    "msg": {
                      "const": "OK"
                    },
                    "data": {
                      "$ref": "#/components/schemas/ConditionOrder"
                    }
                  }
                }
              }
            },
            "links": {
              "CancelConditionOrder": {
                "operationId": "cancelConditionOrder",
                "requestBody": {
                  "symbol": "$response.body#/data/symbol",
                  "conditionOrderId": "$response.body#/data/conditionOrderId"
                },
                "description": "Cancel the condition order just placed."
              },
              "ListConditionOrders": {
                "operationId": "getCurrentConditionOrders",
                "parameters": {
                  "symbol": "$response.body#/data/symbol"
                },
                "description": "The untriggered condition orders of that symbol."
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest2"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized3"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden5"
          },
          "404": {
            "$ref": "#/components/responses/NotFound1"
          },
          "409": {
            "$ref": "#/components/responses/Conflict1"
          },
          "429": {
            "$ref": "#/components/responses/TooManyRequests1"
          },
          "500": {
            "$ref": "#/components/responses/InternalError1"
          },
          "503": {
            "$ref": "#/components/responses/Unavailable1"
          }
        }
      }
    },
    "/v1/private/order/place-strategy": {
      "post": {
        "operationId": "placeStrategy",
        "summary": "Place a strategy (OTO, OCO, OTOCO)",
        "tags": [
          "Orders"
        ],
        "description": "OTO: `working` then `pending`. OCO: exactly two `legs`. OTOCO: `working`, then the take-profit and stop pair, either as `pending` (a list of the two, as API.md words it) or as `legs`, not both; a list in `pending` is only for OTOCO (12001 `pending` otherwise), and a bad leg of it is named `pending[i].field`. A leg is a condition order when its `type` is a condition type, else a normal order. Every leg counts against the order bucket.\n\n**Access:** JWT or API key with the TRADE permission; limited per user (weight 1).",
        "x-perpetua-access": "user:TRADE",
        "x-perpetua-weight": 1,
        "security": [
          {
            "bearerAuth": []
          },
          {
            "apiKey": [],
            "apiTimestamp": [],
            "apiSignature": [],
            "apiRecvWindow": []
          }
        ],
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/PlaceStrategyRequest"
              }
            }
          }
        },
        "responses": {
          "200": {
            "description": "Success: the envelope with `code` 0.",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/X-Request-Id"
              },
              "X-RateLimit-Limit": {
                "$ref": "#/components/headers/X-RateLimit-Limit"
              },
              "X-RateLimit-Remaining": {
                "$ref": "#/components/headers/X-RateLimit-Remaining"
              },
              "X-RateLimit-Reset": {
                "$ref": "#/components/headers/X-RateLimit-Reset"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "type": "object",
                  "required": [
                    "code",
                    "msg",
                    "data"
                  ],
                  "properties": {
                    "code": {
                      "const": 0
                    },
                    "msg": {
                      "const": "OK"
                    },
                    "data": {
                      "$ref": "#/components/schemas/Strategy"
                    }
                  }
                }
              }
            },
            "links": {
              "GetStrategy": {
                "operationId": "getStrategy",
                "parameters": {
                  "strategyId": "$response.body#/data/strategyId"
                },
                "description": "The strategy just placed with its legs."
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest2"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized3"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden5"
          },
          "404": {
            "$ref": "#/components/responses/NotFound1"
          },
          "409": {
            "$ref": "#/components/responses/Conflict1"
          },
          "429": {
            "$ref": "#/components/responses/TooManyRequests1"
          },
          "500": {
            "$ref": "#/components/responses/InternalError1"
          },
          "503": {
            "$ref": "#/components/responses/Unavailable1"
          }
        }
      }
    },
    "/v1/private/order/batch-place": {
      "post": {
        "operationId": "batchPlaceOrders",
        "summary": "Place up to 20 orders",
        "tags": [
          "Orders"
        ],
        "description": "Answers 200 with one `{code, msg, data}` per order, in order: `data` is the Order on success, the error's details otherwise. Each item is checked on its own: an item that is not an object, lacks a field, has a field of the wrong type (a number for a decimal) or a wrong value fails alone, with the code a single order would get; a 12001 names the field by its path in this request (`orders[3].side`, `data.field` likewise), and the valid items are still placed, in order. Only the batch's own shape fails the whole request: a body that is not a JSON object, `orders` missing, not an array or empty (12001), or more than 20 items (12003).\n\n**Access:** JWT or API key with the TRADE permission; limited per user (weight 1).",
        "x-perpetua-access": "user:TRADE",
        "x-perpetua-weight": 1,
        "security": [
          {
            "bearerAuth": []
          },
          {
            "apiKey": [],
            "apiTimestamp": [],
            "apiSignature": [],
            "apiRecvWindow": []
          }
        ],
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "type": "object",
                "properties": {
                  "orders": {
                    "type": "array",
                    "items": {
                      "anyOf": [
                        {
                          "$ref": "#/components/schemas/BatchPlaceItem"
                        },
                        {
                          "description": "Any other value is answered in its place with 12001 naming the field (`orders[3].side`)."
                        }
                      ]
                    },
                    "minItems": 1,
                    "maxItems": 20
                  }
                },
                "required": [
                  "orders"
                ]
              }
            }
          }
        },
        "responses": {
          "200": {
            "description": "Success: the envelope with `code` 0.",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/X-Request-Id"
              },
              "X-RateLimit-Limit": {
                "$ref": "#/components/headers/X-RateLimit-Limit"
              },
              "X-RateLimit-Remaining": {
                "$ref": "#/components/headers/X-RateLimit-Remaining"
              },
              "X-RateLimit-Reset": {
                "$ref": "#/components/headers/X-RateLimit-Reset"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "type": "object",
                  "required": [
                    "code",
                    "msg",
                    "data"
                  ],
                  "properties": {
                    "code": {
                      "const": 0
                    },
                    "msg": {
                      "const": "OK"
                    },
                    "data": {
                      "type": "array",
                      "items": {
                        "$ref": "#/components/schemas/BatchItem"
                      }
                    }
                  }
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest3"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized3"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden2"
          },
          "429": {
            "$ref": "#/components/responses/TooManyRequests1"
          },
          "500": {
            "$ref": "#/components/responses/InternalError1"
          },
          "503": {
            "$ref": "#/components/responses/Unavailable1"
          }
        }
      }
    },
    "/v1/private/order/cancel": {
      "post": {
        "operationId": "cancelOrder",
        "summary": "Cancel an order",
        "tags": [
          "Orders"
        ],
        "description": "Exactly one of `orderId` and `clientOrderId`.\n\n**Access:** JWT or API key with the TRADE permission; limited per user (weight 1).",
        "x-perpetua-access": "user:TRADE",
        "x-perpetua-weight": 1,
        "security": [
          {
            "bearerAuth": []
          },
          {
            "apiKey": [],
            "apiTimestamp": [],
            "apiSignature": [],
            "apiRecvWindow": []
          }
        ],
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/OrderReference"
              }
            }
          }
        },
        "responses": {
          "200": {
            "description": "Success: the envelope with `code` 0.",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/X-Request-Id"
              },
              "X-RateLimit-Limit": {
                "$ref": "#/components/headers/X-RateLimit-Limit"
              },
              "X-RateLimit-Remaining": {
                "$ref": "#/components/headers/X-RateLimit-Remaining"
              },
              "X-RateLimit-Reset": {
                "$ref": "#/components/headers/X-RateLimit-Reset"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "type": "object",
                  "required": [
                    "code",
                    "msg",
                    "data"
                  ],
                  "properties": {
                    "code": {
                      "const": 0
                    },
                    "msg": {
                      "const": "OK"
                    },
                    "data": {
                      "$ref": "#/components/schemas/Order"
                    }
                  }
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest1"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized3"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden2"
          },
          "404": {
            "$ref": "#/components/responses/NotFound3"
          },
          "409": {
            "$ref": "#/components/responses/Conflict2"
          },
          "429": {
            "$ref": "#/components/responses/TooManyRequests1"
          },
          "500": {
            "$ref": "#/components/responses/InternalError1"
          },
          "503": {
            "$ref": "#/components/responses/Unavailable1"
          }
        }
      }
    },
    "/v1/private/order/move": {
      "post": {
        "operationId": "moveOrder",
        "summary": "Amend an order",
        "tags": [
          "Orders"
        ],
        "description": "A quantity decrease at the same price keeps queue priority; a price change or quantity increase moves the order to the back. The new quantity must exceed the executed quantity. A post-only amend that would cross is rejected and the order stays as it was.\n\n**Access:** JWT or API key with the TRADE permission; limited per user (weight 1).",
        "x-perpetua-access": "user:TRADE",
        "x-perpetua-weight": 1,
        "security": [
          {
            "bearerAuth": []
          },
          {
            "apiKey": [],
            "apiTimestamp": [],
            "apiSignature": [],
            "apiRecvWindow": []
          }
        ],
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/MoveOrderRequest"
              }
            }
          }
        },
        "responses": {
          "200": {
            "description": "Success: the envelope with `code` 0.",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/X-Request-Id"
              },
              "X-RateLimit-Limit": {
                "$ref": "#/components/headers/X-RateLimit-Limit"
              },
              "X-RateLimit-Remaining": {
                "$ref": "#/components/headers/X-RateLimit-Remaining"
              },
              "X-RateLimit-Reset": {
                "$ref": "#/components/headers/X-RateLimit-Reset"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "type": "object",
                  "required": [
                    "code",
                    "msg",
                    "data"
                  ],
                  "properties": {
                    "code": {
                      "const": 0
                    },
                    "msg": {
                      "const": "OK"
                    },
                    "data": {
                      "$ref": "#/components/schemas/Order"
                    }
                  }
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest2"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized3"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden5"
          },
          "404": {
            "$ref": "#/components/responses/NotFound3"
          },
          "409": {
            "$ref": "#/components/responses/Conflict3"
          },
          "429": {
            "$ref": "#/components/responses/TooManyRequests1"
          },
          "500": {
            "$ref": "#/components/responses/InternalError1"
          },
          "503": {
            "$ref": "#/components/responses/Unavailable1"
          }
        }
      }
    },
    "/v1/private/order/batch-move": {
      "post": {
        "operationId": "batchMoveOrders",
        "summary": "Amend up to 20 orders",
        "tags": [
          "Orders"
        ],
        "description": "Per-item results as in batch-place: an item of the wrong shape or value fails alone (12001 naming `orders[i].field`); `symbol` missing or unknown, `orders` missing, not an array or empty, or more than 20 items fail the whole request.\n\n**Access:** JWT or API key with the TRADE permission; limited per user (weight 1).",
        "x-perpetua-access": "user:TRADE",
        "x-perpetua-weight": 1,
        "security": [
          {
            "bearerAuth": []
          },
          {
            "apiKey": [],
            "apiTimestamp": [],
            "apiSignature": [],
            "apiRecvWindow": []
          }
        ],
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "type": "object",
                "properties": {
                  "symbol": {
                    "type": "string"
                  },
                  "orders": {
                    "type": "array",
                    "items": {
                      "anyOf": [
                        {
                          "$ref": "#/components/schemas/BatchMoveItem"
                        },
                        {
                          "description": "Any other value is answered in its place with 12001 naming the field (`orders[1].price`)."
                        }
                      ]
                    },
                    "minItems": 1,
                    "maxItems": 20
                  }
                },
                "required": [
                  "symbol",
                  "orders"
                ]
              }
            }
          }
        },
        "responses": {
          "200": {
            "description": "Success: the envelope with `code` 0.",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/X-Request-Id"
              },
              "X-RateLimit-Limit": {
                "$ref": "#/components/headers/X-RateLimit-Limit"
              },
              "X-RateLimit-Remaining": {
                "$ref": "#/components/headers/X-RateLimit-Remaining"
              },
              "X-RateLimit-Reset": {
                "$ref": "#/components/headers/X-RateLimit-Reset"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "type": "object",
                  "required": [
                    "code",
                    "msg",
                    "data"
                  ],
                  "properties": {
                    "code": {
                      "const": 0
                    },
                    "msg": {
                      "const": "OK"
                    },
                    "data": {
                      "type": "array",
                      "items": {
                        "$ref": "#/components/schemas/BatchItem"
                      }
                    }
                  }
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest3"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized3"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden2"
          },
          "404": {
            "$ref": "#/components/responses/NotFound1"
          },
          "429": {
            "$ref": "#/components/responses/TooManyRequests1"
          },
          "500": {
            "$ref": "#/components/responses/InternalError1"
          },
          "503": {
            "$ref": "#/components/responses/Unavailable1"
          }
        }
      }
    },
    "/v1/private/order/batch-cancel": {
      "post": {
        "operationId": "batchCancelOrders",
        "summary": "Cancel up to 20 orders",
        "tags": [
          "Orders"
        ],
        "description": "1 to 20 `orderIds` and `clientOrderIds` together; per-item results as in batch-place, the `orderIds` first, then the `clientOrderIds`, each in the order sent. An id that is not a valid id answers 12001 in its place, naming it (`orderIds[1]`, `clientOrderIds[0]`); `symbol` missing or unknown, either list not an array, none at all, or more than 20 fail the whole request.\n\n**Access:** JWT or API key with the TRADE permission; limited per user (weight 1).",
        "x-perpetua-access": "user:TRADE",
        "x-perpetua-weight": 1,
        "security": [
          {
            "bearerAuth": []
          },
          {
            "apiKey": [],
            "apiTimestamp": [],
            "apiSignature": [],
            "apiRecvWindow": []
          }
        ],
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "type": "object",
                "properties": {
                  "symbol": {
                    "type": "string"
                  },
                  "orderIds": {
                    "type": [
                      "array",
                      "null"
                    ],
                    "items": {
                      "anyOf": [
                        {
                          "$ref": "#/components/schemas/IdInput"
                        },
                        {
                          "description": "Any other value is answered in its place with 12001 naming it (`orderIds[1]`)."
                        }
                      ]
                    }
                  },
                  "clientOrderIds": {
                    "type": [
                      "array",
                      "null"
                    ],
                    "items": {
                      "anyOf": [
                        {
                          "$ref": "#/components/schemas/ClientOrderId"
                        },
                        {
                          "description": "Any other value is answered in its place with 12001 naming it (`clientOrderIds[0]`)."
                        }
                      ]
                    }
                  }
                },
                "required": [
                  "symbol"
                ]
              }
            }
          }
        },
        "responses": {
          "200": {
            "description": "Success: the envelope with `code` 0.",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/X-Request-Id"
              },
              "X-RateLimit-Limit": {
                "$ref": "#/components/headers/X-RateLimit-Limit"
              },
              "X-RateLimit-Remaining": {
                "$ref": "#/components/headers/X-RateLimit-Remaining"
              },
              "X-RateLimit-Reset": {
                "$ref": "#/components/headers/X-RateLimit-Reset"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "type": "object",
                  "required": [
                    "code",
                    "msg",
                    "data"
                  ],
                  "properties": {
                    "code": {
                      "const": 0
                    },
                    "msg": {
                      "const": "OK"
                    },
                    "data": {
                      "type": "array",
                      "items": {
                        "$ref": "#/components/schemas/BatchItem"
                      }
                    }
                  }
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest3"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized3"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden2"
          },
          "404": {
            "$ref": "#/components/responses/NotFound1"
          },
          "429": {
            "$ref": "#/components/responses/TooManyRequests1"
          },
          "500": {
            "$ref": "#/components/responses/InternalError1"
          },
          "503": {
            "$ref": "#/components/responses/Unavailable1"
          }
        }
      }
    },
    "/v1/private/order/batch-cancel-all": {
      "post": {
        "operationId": "cancelAllOrders",
        "summary": "Cancel all open orders",
        "tags": [
          "Orders"
        ],
        "description": "`type` defaults to ALL. Answers how many orders and condition orders were cancelled.\n\n**Access:** JWT or API key with the TRADE permission; limited per user (weight 1).",
        "x-perpetua-access": "user:TRADE",
        "x-perpetua-weight": 1,
        "security": [
          {
            "bearerAuth": []
          },
          {
            "apiKey": [],
            "apiTimestamp": [],
            "apiSignature": [],
            "apiRecvWindow": []
          }
        ],
        "requestBody": {
          "required": false,
          "content": {
            "application/json": {
              "schema": {
                "type": "object",
                "properties": {
                  "symbol": {
                    "type": [
                      "string",
                      "null"
                    ],
                    "description": "Only this symbol; all symbols when absent."
                  },
                  "type": {
                    "type": [
                      "string",
                      "null"
                    ],
                    "enum": [
                      "NORMAL",
                      "CONDITION",
                      "ALL",
                      null
                    ]
                  }
                },
                "required": []
              }
            }
          },
          "description": "May be omitted: an empty body reads as `{}`."
        },
        "responses": {
          "200": {
            "description": "Success: the envelope with `code` 0.",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/X-Request-Id"
              },
              "X-RateLimit-Limit": {
                "$ref": "#/components/headers/X-RateLimit-Limit"
              },
              "X-RateLimit-Remaining": {
                "$ref": "#/components/headers/X-RateLimit-Remaining"
              },
              "X-RateLimit-Reset": {
                "$ref": "#/components/headers/X-RateLimit-Reset"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "type": "object",
                  "required": [
                    "code",
                    "msg",
                    "data"
                  ],
                  "properties": {
                    "code": {
                      "const": 0
                    },
                    "msg": {
                      "const": "OK"
                    },
                    "data": {
                      "$ref": "#/components/schemas/CancelAllResult"
                    }
                  }
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest1"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized3"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden2"
          },
          "404": {
            "$ref": "#/components/responses/NotFound1"
          },
          "429": {
            "$ref": "#/components/responses/TooManyRequests1"
          },
          "500": {
            "$ref": "#/components/responses/InternalError1"
          },
          "503": {
            "$ref": "#/components/responses/Unavailable1"
          }
        }
      }
    },
    "/v1/private/order/cancel-condition": {
      "post": {
        "operationId": "cancelConditionOrder",
        "summary": "Cancel a condition order",
        "tags": [
          "Orders"
        ],
        "description": "**Access:** JWT or API key with the TRADE permission; limited per user (weight 1).",
        "x-perpetua-access": "user:TRADE",
        "x-perpetua-weight": 1,
        "security": [
          {
            "bearerAuth": []
          },
          {
            "apiKey": [],
            "apiTimestamp": [],
            "apiSignature": [],
            "apiRecvWindow": []
          }
        ],
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "type": "object",
                "properties": {
                  "symbol": {
                    "type": "string"
                  },
                  "conditionOrderId": {
                    "$ref": "#/components/schemas/IdInput"
                  }
                },
                "required": [
                  "symbol",
                  "conditionOrderId"
                ]
              }
            }
          }
        },
        "responses": {
          "200": {
            "description": "Success: the envelope with `code` 0.",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/X-Request-Id"
              },
              "X-RateLimit-Limit": {
                "$ref": "#/components/headers/X-RateLimit-Limit"
              },
              "X-RateLimit-Remaining": {
                "$ref": "#/components/headers/X-RateLimit-Remaining"
              },
              "X-RateLimit-Reset": {
                "$ref": "#/components/headers/X-RateLimit-Reset"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "type": "object",
                  "required": [
                    "code",
                    "msg",
                    "data"
                  ],
                  "properties": {
                    "code": {
                      "const": 0
                    },
                    "msg": {
                      "const": "OK"
                    },
                    "data": {
                      "$ref": "#/components/schemas/ConditionOrder"
                    }
                  }
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest1"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized3"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden2"
          },
          "404": {
            "$ref": "#/components/responses/NotFound3"
          },
          "409": {
            "$ref": "#/components/responses/Conflict4"
          },
          "429": {
            "$ref": "#/components/responses/TooManyRequests1"
          },
          "500": {
            "$ref": "#/components/responses/InternalError1"
          },
          "503": {
            "$ref": "#/components/responses/Unavailable1"
          }
        }
      }
    },
    "/v1/private/order/current": {
      "get": {
        "operationId": "getOpenOrders",
        "summary": "Open orders",
        "tags": [
          "Orders"
        ],
        "description": "**Access:** JWT or API key with the TRADE permission; limited per user (weight 1).",
        "x-perpetua-access": "user:TRADE",
        "x-perpetua-weight": 1,
        "security": [
          {
            "bearerAuth": []
          },
          {
            "apiKey": [],
            "apiTimestamp": [],
            "apiSignature": [],
            "apiRecvWindow": []
          }
        ],
        "parameters": [
          {
            "name": "symbol",
            "in": "query",
            "required": false,
            "schema": {
              "type": "string"
            }
          }
        ],
        "responses": {
          "200": {
            "description": "Success: the envelope with `code` 0.",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/X-Request-Id"
              },
              "X-RateLimit-Limit": {
                "$ref": "#/components/headers/X-RateLimit-Limit"
              },
              "X-RateLimit-Remaining": {
                "$ref": "#/components/headers/X-RateLimit-Remaining"
              },
              "X-RateLimit-Reset": {
                "$ref": "#/components/headers/X-RateLimit-Reset"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "type": "object",
                  "required": [
                    "code",
                    "msg",
                    "data"
                  ],
                  "properties": {
                    "code": {
                      "const": 0
                    },
                    "msg": {
                      "const": "OK"
                    },
                    "data": {
                      "type": "array",
                      "items": {
                        "$ref": "#/components/schemas/Order"
                      }
                    }
                  }
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest1"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized3"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden2"
          },
          "404": {
            "$ref": "#/components/responses/NotFound1"
          },
          "429": {
            "$ref": "#/components/responses/TooManyRequests1"
          },
          "500": {
            "$ref": "#/components/responses/InternalError1"
          },
          "503": {
            "$ref": "#/components/responses/Unavailable1"
          }
        }
      }
    },
    "/v1/private/order/current-condition": {
      "get": {
        "operationId": "getCurrentConditionOrders",
        "summary": "Untriggered condition orders",
        "tags": [
          "Orders"
        ],
        "description": "**Access:** JWT or API key with the TRADE permission; limited per user (weight 1).",
        "x-perpetua-access": "user:TRADE",
        "x-perpetua-weight": 1,
        "security": [
          {
            "bearerAuth": []
          },
          {
            "apiKey": [],
            "apiTimestamp": [],
            "apiSignature": [],
            "apiRecvWindow": []
          }
        ],
        "parameters": [
          {
            "name": "symbol",
            "in": "query",
            "required": false,
            "schema": {
              "type": "string"
            }
          }
        ],
        "responses": {
          "200": {
            "description": "Success: the envelope with `code` 0.",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/X-Request-Id"
              },
              "X-RateLimit-Limit": {
                "$ref": "#/components/headers/X-RateLimit-Limit"
              },
              "X-RateLimit-Remaining": {
                "$ref": "#/components/headers/X-RateLimit-Remaining"
              },
              "X-RateLimit-Reset": {
                "$ref": "#/components/headers/X-RateLimit-Reset"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "type": "object",
                  "required": [
                    "code",
                    "msg",
                    "data"
                  ],
                  "properties": {
                    "code": {
                      "const": 0
                    },
                    "msg": {
                      "const": "OK"
                    },
                    "data": {
                      "type": "array",
                      "items": {
                        "$ref": "#/components/schemas/ConditionOrder"
                      }
                    }
                  }
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest1"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized3"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden2"
          },
          "404": {
            "$ref": "#/components/responses/NotFound1"
          },
          "429": {
            "$ref": "#/components/responses/TooManyRequests1"
          },
          "500": {
            "$ref": "#/components/responses/InternalError1"
          },
          "503": {
            "$ref": "#/components/responses/Unavailable1"
          }
        }
      }
    },
    "/v1/private/order/history": {
      "get": {
        "operationId": "getOrderHistory",
        "summary": "Final orders",
        "tags": [
          "Orders"
        ],
        "description": "**Access:** JWT or API key with the TRADE permission; limited per user (weight 5).",
        "x-perpetua-access": "user:TRADE",
        "x-perpetua-weight": 5,
        "security": [
          {
            "bearerAuth": []
          },
          {
            "apiKey": [],
            "apiTimestamp": [],
            "apiSignature": [],
            "apiRecvWindow": []
          }
        ],
        "parameters": [
          {
            "name": "symbol",
            "in": "query",
            "required": false,
            "schema": {
              "type": "string"
            }
          },
          {
            "$ref": "#/components/parameters/limit"
          },
          {
            "$ref": "#/components/parameters/startTime"
          },
          {
            "$ref": "#/components/parameters/endTime"
          },
          {
            "$ref": "#/components/parameters/cursor"
          }
        ],
        "responses": {
          "200": {
            "description": "Success: the envelope with `code` 0.",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/X-Request-Id"
              },
              "X-RateLimit-Limit": {
                "$ref": "#/components/headers/X-RateLimit-Limit"
              },
              "X-RateLimit-Remaining": {
                "$ref": "#/components/headers/X-RateLimit-Remaining"
              },
              "X-RateLimit-Reset": {
                "$ref": "#/components/headers/X-RateLimit-Reset"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "type": "object",
                  "required": [
                    "code",
                    "msg",
                    "data"
                  ],
                  "properties": {
                    "code": {
                      "const": 0
                    },
                    "msg": {
                      "const": "OK"
                    },
                    "data": {
                      "type": "object",
                      "properties": {
                        "items": {
                          "type": "array",
                          "items": {
                            "$ref": "#/components/schemas/Order"
                          }
                        },
                        "nextCursor": {
                          "type": [
                            "string",
                            "null"
                          ],
                          "description": "Opaque; pass it back as `cursor` for the next (older) page, null on the last page."
                        }
                      },
                      "required": [
                        "items",
                        "nextCursor"
                      ]
                    }
                  }
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest1"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized3"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden2"
          },
          "404": {
            "$ref": "#/components/responses/NotFound1"
          },
          "429": {
            "$ref": "#/components/responses/TooManyRequests1"
          },
          "500": {
            "$ref": "#/components/responses/InternalError1"
          },
          "503": {
            "$ref": "#/components/responses/Unavailable1"
          }
        }
      }
    },
    "/v1/private/order/history-condition": {
      "get": {
        "operationId": "getConditionOrderHistory",
        "summary": "Final condition orders",
        "tags": [
          "Orders"
        ],
        "description": "**Access:** JWT or API key with the TRADE permission; limited per user (weight 5).",
        "x-perpetua-access": "user:TRADE",
        "x-perpetua-weight": 5,
        "security": [
          {
            "bearerAuth": []
          },
          {
            "apiKey": [],
            "apiTimestamp": [],
            "apiSignature": [],
            "apiRecvWindow": []
          }
        ],
        "parameters": [
          {
            "name": "symbol",
            "in": "query",
            "required": false,
            "schema": {
              "type": "string"
            }
          },
          {
            "$ref": "#/components/parameters/limit"
          },
          {
            "$ref": "#/components/parameters/startTime"
          },
          {
            "$ref": "#/components/parameters/endTime"
          },
          {
            "$ref": "#/components/parameters/cursor"
          }
        ],
        "responses": {
          "200": {
            "description": "Success: the envelope with `code` 0.",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/X-Request-Id"
              },
              "X-RateLimit-Limit": {
                "$ref": "#/components/headers/X-RateLimit-Limit"
              },
              "X-RateLimit-Remaining": {
                "$ref": "#/components/headers/X-RateLimit-Remaining"
              },
              "X-RateLimit-Reset": {
                "$ref": "#/components/headers/X-RateLimit-Reset"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "type": "object",
                  "required": [
                    "code",
                    "msg",
                    "data"
                  ],
                  "properties": {
                    "code": {
                      "const": 0
                    },
                    "msg": {
                      "const": "OK"
                    },
                    "data": {
                      "type": "object",
                      "properties": {
                        "items": {
                          "type": "array",
                          "items": {
                            "$ref": "#/components/schemas/ConditionOrder"
                          }
                        },
                        "nextCursor": {
                          "type": [
                            "string",
                            "null"
                          ],
                          "description": "Opaque; pass it back as `cursor` for the next (older) page, null on the last page."
                        }
                      },
                      "required": [
                        "items",
                        "nextCursor"
                      ]
                    }
                  }
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest1"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized3"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden2"
          },
          "404": {
            "$ref": "#/components/responses/NotFound1"
          },
          "429": {
            "$ref": "#/components/responses/TooManyRequests1"
          },
          "500": {
            "$ref": "#/components/responses/InternalError1"
          },
          "503": {
            "$ref": "#/components/responses/Unavailable1"
          }
        }
      }
    },
    "/v1/private/order/trades": {
      "get": {
        "operationId": "getOwnTrades",
        "summary": "Own fills",
        "tags": [
          "Orders"
        ],
        "description": "**Access:** JWT or API key with the TRADE permission; limited per user (weight 5).",
        "x-perpetua-access": "user:TRADE",
        "x-perpetua-weight": 5,
        "security": [
          {
            "bearerAuth": []
          },
          {
            "apiKey": [],
            "apiTimestamp": [],
            "apiSignature": [],
            "apiRecvWindow": []
          }
        ],
        "parameters": [
          {
            "name": "symbol",
            "in": "query",
            "required": false,
            "schema": {
              "type": "string"
            }
          },
          {
            "$ref": "#/components/parameters/limit"
          },
          {
            "$ref": "#/components/parameters/startTime"
          },
          {
            "$ref": "#/components/parameters/endTime"
          },
          {
            "$ref": "#/components/parameters/cursor"
          }
        ],
        "responses": {
          "200": {
            "description": "Success: the envelope with `code` 0.",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/X-Request-Id"
              },
              "X-RateLimit-Limit": {
                "$ref": "#/components/headers/X-RateLimit-Limit"
              },
              "X-RateLimit-Remaining": {
                "$ref": "#/components/headers/X-RateLimit-Remaining"
              },
              "X-RateLimit-Reset": {
                "$ref": "#/components/headers/X-RateLimit-Reset"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "type": "object",
                  "required": [
                    "code",
                    "msg",
                    "data"
                  ],
                  "properties": {
                    "code": {
                      "const": 0
                    },
                    "msg": {
                      "const": "OK"
                    },
                    "data": {
                      "type": "object",
                      "properties": {
                        "items": {
                          "type": "array",
                          "items": {
                            "$ref": "#/components/schemas/Fill"
                          }
                        },
                        "nextCursor": {
                          "type": [
                            "string",
                            "null"
                          ],
                          "description": "Opaque; pass it back as `cursor` for the next (older) page, null on the last page."
                        }
                      },
                      "required": [
                        "items",
                        "nextCursor"
                      ]
                    }
                  }
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest1"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized3"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden2"
          },
          "404": {
            "$ref": "#/components/responses/NotFound1"
          },
          "429": {
            "$ref": "#/components/responses/TooManyRequests1"
          },
          "500": {
            "$ref": "#/components/responses/InternalError1"
          },
          "503": {
            "$ref": "#/components/responses/Unavailable1"
          }
        }
      }
    },
    "/v1/private/order/strategy": {
      "get": {
        "operationId": "getStrategy",
        "summary": "A strategy and its legs",
        "tags": [
          "Orders"
        ],
        "description": "**Access:** JWT or API key with the TRADE permission; limited per user (weight 1).",
        "x-perpetua-access": "user:TRADE",
        "x-perpetua-weight": 1,
        "security": [
          {
            "bearerAuth": []
          },
          {
            "apiKey": [],
            "apiTimestamp": [],
            "apiSignature": [],
            "apiRecvWindow": []
          }
        ],
        "parameters": [
          {
            "name": "strategyId",
            "in": "query",
            "required": true,
            "schema": {
              "type": "string",
              "pattern": "^[+]?[0-9]{1,20}$"
            }
          }
        ],
        "responses": {
          "200": {
            "description": "Success: the envelope with `code` 0.",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/X-Request-Id"
              },
              "X-RateLimit-Limit": {
                "$ref": "#/components/headers/X-RateLimit-Limit"
              },
              "X-RateLimit-Remaining": {
                "$ref": "#/components/headers/X-RateLimit-Remaining"
              },
              "X-RateLimit-Reset": {
                "$ref": "#/components/headers/X-RateLimit-Reset"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "type": "object",
                  "required": [
                    "code",
                    "msg",
                    "data"
                  ],
                  "properties": {
                    "code": {
                      "const": 0
                    },
                    "msg": {
                      "const": "OK"
                    },
                    "data": {
                      "$ref": "#/components/schemas/Strategy"
                    }
                  }
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest1"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized3"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden2"
          },
          "404": {
            "$ref": "#/components/responses/NotFound4"
          },
          "429": {
            "$ref": "#/components/responses/TooManyRequests1"
          },
          "500": {
            "$ref": "#/components/responses/InternalError1"
          },
          "503": {
            "$ref": "#/components/responses/Unavailable1"
          }
        }
      }
    },
    "/v1/private/position/margin-mode": {
      "post": {
        "operationId": "setMarginMode",
        "summary": "Set the margin mode",
        "tags": [
          "Positions"
        ],
        "description": "14002 while the symbol has a position or open orders.\n\n**Access:** JWT or API key with the TRADE permission; limited per user (weight 1).",
        "x-perpetua-access": "user:TRADE",
        "x-perpetua-weight": 1,
        "security": [
          {
            "bearerAuth": []
          },
          {
            "apiKey": [],
            "apiTimestamp": [],
            "apiSignature": [],
            "apiRecvWindow": []
          }
        ],
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "type": "object",
                "properties": {
                  "symbol": {
                    "type": "string"
                  },
                  "marginMode": {
                    "type": "string",
                    "enum": [
                      "CROSS",
                      "ISOLATED"
                    ]
                  }
                },
                "required": [
                  "symbol",
                  "marginMode"
                ]
              }
            }
          }
        },
        "responses": {
          "200": {
            "description": "Success: the envelope with `code` 0.",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/X-Request-Id"
              },
              "X-RateLimit-Limit": {
                "$ref": "#/components/headers/X-RateLimit-Limit"
              },
              "X-RateLimit-Remaining": {
                "$ref": "#/components/headers/X-RateLimit-Remaining"
              },
              "X-RateLimit-Reset": {
                "$ref": "#/components/headers/X-RateLimit-Reset"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "type": "object",
                  "required": [
                    "code",
                    "msg",
                    "data"
                  ],
                  "properties": {
                    "code": {
                      "const": 0
                    },
                    "msg": {
                      "const": "OK"
                    },
                    "data": {
                      "$ref": "#/components/schemas/PositionSettings"
                    }
                  }
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest4"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized3"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden2"
          },
          "404": {
            "$ref": "#/components/responses/NotFound1"
          },
          "409": {
            "$ref": "#/components/responses/Conflict5"
          },
          "429": {
            "$ref": "#/components/responses/TooManyRequests1"
          },
          "500": {
            "$ref": "#/components/responses/InternalError1"
          },
          "503": {
            "$ref": "#/components/responses/Unavailable1"
          }
        }
      }
    },
    "/v1/private/position/leverage": {
      "post": {
        "operationId": "setLeverage",
        "summary": "Set the leverage",
        "tags": [
          "Positions"
        ],
        "description": "13008 outside 1..the bracket maximum, 14003 when the change would liquidate.\n\n**Access:** JWT or API key with the TRADE permission; limited per user (weight 1).",
        "x-perpetua-access": "user:TRADE",
        "x-perpetua-weight": 1,
        "security": [
          {
            "bearerAuth": []
          },
          {
            "apiKey": [],
            "apiTimestamp": [],
            "apiSignature": [],
            "apiRecvWindow": []
          }
        ],
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "type": "object",
                "properties": {
                  "symbol": {
                    "type": "string"
                  },
                  "leverage": {
                    "type": "integer"
                  }
                },
                "required": [
                  "symbol",
                  "leverage"
                ]
              }
            }
          }
        },
        "responses": {
          "200": {
            "description": "Success: the envelope with `code` 0.",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/X-Request-Id"
              },
              "X-RateLimit-Limit": {
                "$ref": "#/components/headers/X-RateLimit-Limit"
              },
              "X-RateLimit-Remaining": {
                "$ref": "#/components/headers/X-RateLimit-Remaining"
              },
              "X-RateLimit-Reset": {
                "$ref": "#/components/headers/X-RateLimit-Reset"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "type": "object",
                  "required": [
                    "code",
                    "msg",
                    "data"
                  ],
                  "properties": {
                    "code": {
                      "const": 0
                    },
                    "msg": {
                      "const": "OK"
                    },
                    "data": {
                      "$ref": "#/components/schemas/PositionSettings"
                    }
                  }
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest4"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized3"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden2"
          },
          "404": {
            "$ref": "#/components/responses/NotFound1"
          },
          "409": {
            "$ref": "#/components/responses/Conflict5"
          },
          "429": {
            "$ref": "#/components/responses/TooManyRequests1"
          },
          "500": {
            "$ref": "#/components/responses/InternalError1"
          },
          "503": {
            "$ref": "#/components/responses/Unavailable1"
          }
        }
      }
    },
    "/v1/private/position/settings": {
      "get": {
        "operationId": "getPositionSettings",
        "summary": "Leverage and margin mode",
        "tags": [
          "Positions"
        ],
        "description": "**Access:** JWT or API key with the TRADE permission; limited per user (weight 1).",
        "x-perpetua-access": "user:TRADE",
        "x-perpetua-weight": 1,
        "security": [
          {
            "bearerAuth": []
          },
          {
            "apiKey": [],
            "apiTimestamp": [],
            "apiSignature": [],
            "apiRecvWindow": []
          }
        ],
        "parameters": [
          {
            "$ref": "#/components/parameters/symbolRequired"
          }
        ],
        "responses": {
          "200": {
            "description": "Success: the envelope with `code` 0.",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/X-Request-Id"
              },
              "X-RateLimit-Limit": {
                "$ref": "#/components/headers/X-RateLimit-Limit"
              },
              "X-RateLimit-Remaining": {
                "$ref": "#/components/headers/X-RateLimit-Remaining"
              },
              "X-RateLimit-Reset": {
                "$ref": "#/components/headers/X-RateLimit-Reset"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "type": "object",
                  "required": [
                    "code",
                    "msg",
                    "data"
                  ],
                  "properties": {
                    "code": {
                      "const": 0
                    },
                    "msg": {
                      "const": "OK"
                    },
                    "data": {
                      "$ref": "#/components/schemas/PositionSettings"
                    }
                  }
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest1"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized3"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden2"
          },
          "404": {
            "$ref": "#/components/responses/NotFound1"
          },
          "429": {
            "$ref": "#/components/responses/TooManyRequests1"
          },
          "500": {
            "$ref": "#/components/responses/InternalError1"
          },
          "503": {
            "$ref": "#/components/responses/Unavailable1"
          }
        }
      }
    },
    "/v1/private/position/positions": {
      "get": {
        "operationId": "getPositions",
        "summary": "Open positions",
        "tags": [
          "Positions"
        ],
        "description": "**Access:** JWT or API key with the TRADE permission; limited per user (weight 1).",
        "x-perpetua-access": "user:TRADE",
        "x-perpetua-weight": 1,
        "security": [
          {
            "bearerAuth": []
          },
          {
            "apiKey": [],
            "apiTimestamp": [],
            "apiSignature": [],
            "apiRecvWindow": []
          }
        ],
        "parameters": [
          {
            "name": "symbol",
            "in": "query",
            "required": false,
            "schema": {
              "type": "string"
            }
          }
        ],
        "responses": {
          "200": {
            "description": "Success: the envelope with `code` 0.",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/X-Request-Id"
              },
              "X-RateLimit-Limit": {
                "$ref": "#/components/headers/X-RateLimit-Limit"
              },
              "X-RateLimit-Remaining": {
                "$ref": "#/components/headers/X-RateLimit-Remaining"
              },
              "X-RateLimit-Reset": {
                "$ref": "#/components/headers/X-RateLimit-Reset"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "type": "object",
                  "required": [
                    "code",
                    "msg",
                    "data"
                  ],
                  "properties": {
                    "code": {
                      "const": 0
                    },
                    "msg": {
                      "const": "OK"
                    },
                    "data": {
                      "type": "array",
                      "items": {
                        "$ref": "#/components/schemas/Position"
                      }
                    }
                  }
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest1"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized3"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden2"
          },
          "404": {
            "$ref": "#/components/responses/NotFound1"
          },
          "429": {
            "$ref": "#/components/responses/TooManyRequests1"
          },
          "500": {
            "$ref": "#/components/responses/InternalError1"
          },
          "503": {
            "$ref": "#/components/responses/Unavailable1"
          }
        }
      }
    },
    "/v1/private/position/history": {
      "get": {
        "operationId": "getPositionHistory",
        "summary": "Closed positions",
        "tags": [
          "Positions"
        ],
        "description": "**Access:** JWT or API key with the TRADE permission; limited per user (weight 5).",
        "x-perpetua-access": "user:TRADE",
        "x-perpetua-weight": 5,
        "security": [
          {
            "bearerAuth": []
          },
          {
            "apiKey": [],
            "apiTimestamp": [],
            "apiSignature": [],
            "apiRecvWindow": []
          }
        ],
        "parameters": [
          {
            "name": "symbol",
            "in": "query",
            "required": false,
            "schema": {
              "type": "string"
            }
          },
          {
            "$ref": "#/components/parameters/limit"
          },
          {
            "$ref": "#/components/parameters/startTime"
          },
          {
            "$ref": "#/components/parameters/endTime"
          },
          {
            "$ref": "#/components/parameters/cursor"
          }
        ],
        "responses": {
          "200": {
            "description": "Success: the envelope with `code` 0.",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/X-Request-Id"
              },
              "X-RateLimit-Limit": {
                "$ref": "#/components/headers/X-RateLimit-Limit"
              },
              "X-RateLimit-Remaining": {
                "$ref": "#/components/headers/X-RateLimit-Remaining"
              },
              "X-RateLimit-Reset": {
                "$ref": "#/components/headers/X-RateLimit-Reset"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "type": "object",
                  "required": [
                    "code",
                    "msg",
                    "data"
                  ],
                  "properties": {
                    "code": {
                      "const": 0
                    },
                    "msg": {
                      "const": "OK"
                    },
                    "data": {
                      "type": "object",
                      "properties": {
                        "items": {
                          "type": "array",
                          "items": {
                            "$ref": "#/components/schemas/PositionHistory"
                          }
                        },
                        "nextCursor": {
                          "type": [
                            "string",
                            "null"
                          ],
                          "description": "Opaque; pass it back as `cursor` for the next (older) page, null on the last page."
                        }
                      },
                      "required": [
                        "items",
                        "nextCursor"
                      ]
                    }
                  }
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest1"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized3"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden2"
          },
          "404": {
            "$ref": "#/components/responses/NotFound1"
          },
          "429": {
            "$ref": "#/components/responses/TooManyRequests1"
          },
          "500": {
            "$ref": "#/components/responses/InternalError1"
          },
          "503": {
            "$ref": "#/components/responses/Unavailable1"
          }
        }
      }
    },
    "/v1/admin/users": {
      "post": {
        "operationId": "adminCreateUser",
        "summary": "Create a user",
        "tags": [
          "Operator"
        ],
        "description": "A taken username answers 12001.\n\n**Access:** The operator's bearer token (`PERPETUA_ADMIN_TOKEN`); not rate limited.",
        "x-perpetua-access": "admin",
        "x-perpetua-weight": 1,
        "security": [
          {
            "operatorAuth": []
          }
        ],
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "type": "object",
                "properties": {
                  "username": {
                    "type": "string",
                    "pattern": "^[A-Za-z0-9_.-]{3,32}$"
                  },
                  "password": {
                    "type": "string",
                    "minLength": 2,
                    "maxLength": 72,
                    "description": "8 to 72 UTF-8 bytes."
                  },
                  "nickname": {
                    "type": [
                      "string",
                      "null"
                    ],
                    "minLength": 1,
                    "description": "1 to 32 characters; shown on the leaderboard instead of the masked name."
                  }
                },
                "required": [
                  "username",
                  "password"
                ]
              }
            }
          }
        },
        "responses": {
          "200": {
            "description": "Success: the envelope with `code` 0.",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/X-Request-Id"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "type": "object",
                  "required": [
                    "code",
                    "msg",
                    "data"
                  ],
                  "properties": {
                    "code": {
                      "const": 0
                    },
                    "msg": {
                      "const": "OK"
                    },
                    "data": {
                      "type": "object",
                      "properties": {
                        "userId": {
                          "$ref": "#/components/schemas/Id"
                        }
                      },
                      "required": [
                        "userId"
                      ]
                    }
                  }
                }
              }
            },
            "links": {
              "Deposit": {
                "operationId": "adminDeposit",
                "requestBody": {
                  "userId": "$response.body#/data/userId",
                  "asset": "USDT",
                  "amount": "1000"
                },
                "description": "Fund the user just created."
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest5"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized5"
          },
          "500": {
            "$ref": "#/components/responses/InternalError2"
          },
          "503": {
            "$ref": "#/components/responses/Unavailable2"
          }
        }
      },
      "get": {
        "operationId": "adminListUsers",
        "summary": "List users",
        "tags": [
          "Operator"
        ],
        "description": "**Access:** The operator's bearer token (`PERPETUA_ADMIN_TOKEN`); not rate limited.",
        "x-perpetua-access": "admin",
        "x-perpetua-weight": 1,
        "security": [
          {
            "operatorAuth": []
          }
        ],
        "parameters": [
          {
            "$ref": "#/components/parameters/limit"
          },
          {
            "$ref": "#/components/parameters/startTime"
          },
          {
            "$ref": "#/components/parameters/endTime"
          },
          {
            "$ref": "#/components/parameters/cursor"
          }
        ],
        "responses": {
          "200": {
            "description": "Success: the envelope with `code` 0.",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/X-Request-Id"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "type": "object",
                  "required": [
                    "code",
                    "msg",
                    "data"
                  ],
                  "properties": {
                    "code": {
                      "const": 0
                    },
                    "msg": {
                      "const": "OK"
                    },
                    "data": {
                      "type": "object",
                      "properties": {
                        "items": {
                          "type": "array",
                          "items": {
                            "$ref": "#/components/schemas/AdminUser"
                          }
                        },
                        "nextCursor": {
                          "type": [
                            "string",
                            "null"
                          ],
                          "description": "Opaque; pass it back as `cursor` for the next (older) page, null on the last page."
                        }
                      },
                      "required": [
                        "items",
                        "nextCursor"
                      ]
                    }
                  }
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest5"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized5"
          },
          "500": {
            "$ref": "#/components/responses/InternalError2"
          },
          "503": {
            "$ref": "#/components/responses/Unavailable2"
          }
        }
      }
    },
    "/v1/admin/deposit": {
      "post": {
        "operationId": "adminDeposit",
        "summary": "Deposit",
        "tags": [
          "Operator"
        ],
        "description": "Answers the new wallet balance; 12004 for an unknown user.\n\n**Access:** The operator's bearer token (`PERPETUA_ADMIN_TOKEN`); not rate limited.",
        "x-perpetua-access": "admin",
        "x-perpetua-weight": 1,
        "security": [
          {
            "operatorAuth": []
          }
        ],
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "type": "object",
                "properties": {
                  "userId": {
                    "$ref": "#/components/schemas/IdInput"
                  },
                  "asset": {
                    "type": [
                      "string",
                      "null"
                    ],
                    "enum": [
                      "USDT",
                      null
                    ]
                  },
                  "amount": {
                    "$ref": "#/components/schemas/Decimal"
                  }
                },
                "required": [
                  "userId",
                  "amount"
                ]
              }
            }
          }
        },
        "responses": {
          "200": {
            "description": "Success: the envelope with `code` 0.",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/X-Request-Id"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "type": "object",
                  "required": [
                    "code",
                    "msg",
                    "data"
                  ],
                  "properties": {
                    "code": {
                      "const": 0
                    },
                    "msg": {
                      "const": "OK"
                    },
                    "data": {
                      "type": "object",
                      "properties": {
                        "balance": {
                          "$ref": "#/components/schemas/Decimal"
                        }
                      },
                      "required": [
                        "balance"
                      ]
                    }
                  }
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest5"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized5"
          },
          "404": {
            "$ref": "#/components/responses/NotFound5"
          },
          "500": {
            "$ref": "#/components/responses/InternalError2"
          },
          "503": {
            "$ref": "#/components/responses/Unavailable2"
          }
        }
      }
    },
    "/v1/admin/withdraw": {
      "post": {
        "operationId": "adminWithdraw",
        "summary": "Withdraw",
        "tags": [
          "Operator"
        ],
        "description": "13001 when the amount is not available.\n\n**Access:** The operator's bearer token (`PERPETUA_ADMIN_TOKEN`); not rate limited.",
        "x-perpetua-access": "admin",
        "x-perpetua-weight": 1,
        "security": [
          {
            "operatorAuth": []
          }
        ],
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "type": "object",
                "properties": {
                  "userId": {
                    "$ref": "#/components/schemas/IdInput"
                  },
                  "asset": {
                    "type": [
                      "string",
                      "null"
                    ],
                    "enum": [
                      "USDT",
                      null
                    ]
                  },
                  "amount": {
                    "$ref": "#/components/schemas/Decimal"
                  }
                },
                "required": [
                  "userId",
                  "amount"
                ]
              }
            }
          }
        },
        "responses": {
          "200": {
            "description": "Success: the envelope with `code` 0.",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/X-Request-Id"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "type": "object",
                  "required": [
                    "code",
                    "msg",
                    "data"
                  ],
                  "properties": {
                    "code": {
                      "const": 0
                    },
                    "msg": {
                      "const": "OK"
                    },
                    "data": {
                      "type": "object",
                      "properties": {
                        "balance": {
                          "$ref": "#/components/schemas/Decimal"
                        }
                      },
                      "required": [
                        "balance"
                      ]
                    }
                  }
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest6"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized5"
          },
          "404": {
            "$ref": "#/components/responses/NotFound5"
          },
          "500": {
            "$ref": "#/components/responses/InternalError2"
          },
          "503": {
            "$ref": "#/components/responses/Unavailable2"
          }
        }
      }
    },
    "/v1/admin/symbols": {
      "post": {
        "operationId": "adminCreateSymbol",
        "summary": "Create a symbol",
        "tags": [
          "Operator"
        ],
        "description": "Every field of `Symbol` except the derived ones (`maxLeverage` must equal the first bracket's, `cum` is computed); `quoteAsset` defaults to USDT, `status` to TRADING, `fundingIntervalHours` to 8, `maxOpenOrders` to 200.\n\n**Access:** The operator's bearer token (`PERPETUA_ADMIN_TOKEN`); not rate limited.",
        "x-perpetua-access": "admin",
        "x-perpetua-weight": 1,
        "security": [
          {
            "operatorAuth": []
          }
        ],
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/SymbolInput"
              }
            }
          }
        },
        "responses": {
          "200": {
            "description": "Success: the envelope with `code` 0.",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/X-Request-Id"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "type": "object",
                  "required": [
                    "code",
                    "msg",
                    "data"
                  ],
                  "properties": {
                    "code": {
                      "const": 0
                    },
                    "msg": {
                      "const": "OK"
                    },
                    "data": {
                      "$ref": "#/components/schemas/Symbol"
                    }
                  }
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest7"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized5"
          },
          "500": {
            "$ref": "#/components/responses/InternalError2"
          },
          "503": {
            "$ref": "#/components/responses/Unavailable2"
          }
        }
      },
      "put": {
        "operationId": "adminUpdateSymbol",
        "summary": "Change a symbol",
        "tags": [
          "Operator"
        ],
        "description": "Changes the fields sent; `status` TRADING, SUSPENDED or REDUCE_ONLY.\n\n**Access:** The operator's bearer token (`PERPETUA_ADMIN_TOKEN`); not rate limited.",
        "x-perpetua-access": "admin",
        "x-perpetua-weight": 1,
        "security": [
          {
            "operatorAuth": []
          }
        ],
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/SymbolInput"
              }
            }
          }
        },
        "responses": {
          "200": {
            "description": "Success: the envelope with `code` 0.",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/X-Request-Id"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "type": "object",
                  "required": [
                    "code",
                    "msg",
                    "data"
                  ],
                  "properties": {
                    "code": {
                      "const": 0
                    },
                    "msg": {
                      "const": "OK"
                    },
                    "data": {
                      "$ref": "#/components/schemas/Symbol"
                    }
                  }
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest7"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized5"
          },
          "404": {
            "$ref": "#/components/responses/NotFound6"
          },
          "500": {
            "$ref": "#/components/responses/InternalError2"
          },
          "503": {
            "$ref": "#/components/responses/Unavailable2"
          }
        }
      }
    },
    "/v1/admin/index-price": {
      "post": {
        "operationId": "adminSetIndexPrice",
        "summary": "Set an index price",
        "tags": [
          "Operator"
        ],
        "description": "A price with more decimals than the symbol's tick size answers 13003 with `data.tickSize` (never rounded). The index is a reference price, so it need not be a multiple of the tick: with a tick of 0.05, `3500.07` is accepted and `3500.075` is not.\n\n**Access:** The operator's bearer token (`PERPETUA_ADMIN_TOKEN`); not rate limited.",
        "x-perpetua-access": "admin",
        "x-perpetua-weight": 1,
        "security": [
          {
            "operatorAuth": []
          }
        ],
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "type": "object",
                "properties": {
                  "symbol": {
                    "type": "string"
                  },
                  "price": {
                    "$ref": "#/components/schemas/DecimalInput"
                  }
                },
                "required": [
                  "symbol",
                  "price"
                ]
              }
            }
          }
        },
        "responses": {
          "200": {
            "description": "Success: the envelope with `code` 0.",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/X-Request-Id"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "type": "object",
                  "required": [
                    "code",
                    "msg",
                    "data"
                  ],
                  "properties": {
                    "code": {
                      "const": 0
                    },
                    "msg": {
                      "const": "OK"
                    },
                    "data": {
                      "type": "object",
                      "properties": {
                        "symbol": {
                          "type": "string"
                        },
                        "price": {
                          "$ref": "#/components/schemas/Decimal"
                        },
                        "time": {
                          "$ref": "#/components/schemas/Timestamp"
                        }
                      },
                      "required": [
                        "symbol",
                        "price",
                        "time"
                      ]
                    }
                  }
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest8"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized5"
          },
          "404": {
            "$ref": "#/components/responses/NotFound6"
          },
          "500": {
            "$ref": "#/components/responses/InternalError2"
          },
          "503": {
            "$ref": "#/components/responses/Unavailable2"
          }
        }
      }
    },
    "/v1/admin/insurance-fund": {
      "get": {
        "operationId": "adminInsuranceFund",
        "summary": "Insurance fund",
        "tags": [
          "Operator"
        ],
        "description": "**Access:** The operator's bearer token (`PERPETUA_ADMIN_TOKEN`); not rate limited.",
        "x-perpetua-access": "admin",
        "x-perpetua-weight": 1,
        "security": [
          {
            "operatorAuth": []
          }
        ],
        "responses": {
          "200": {
            "description": "Success: the envelope with `code` 0.",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/X-Request-Id"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "type": "object",
                  "required": [
                    "code",
                    "msg",
                    "data"
                  ],
                  "properties": {
                    "code": {
                      "const": 0
                    },
                    "msg": {
                      "const": "OK"
                    },
                    "data": {
                      "type": "object",
                      "properties": {
                        "balance": {
                          "$ref": "#/components/schemas/Decimal"
                        },
                        "feeIncome": {
                          "$ref": "#/components/schemas/Decimal"
                        }
                      },
                      "required": [
                        "balance",
                        "feeIncome"
                      ]
                    }
                  }
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest5"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized5"
          },
          "500": {
            "$ref": "#/components/responses/InternalError2"
          },
          "503": {
            "$ref": "#/components/responses/Unavailable2"
          }
        }
      }
    },
    "/v1/admin/funding/settle": {
      "post": {
        "operationId": "adminSettleFunding",
        "summary": "Settle funding now",
        "tags": [
          "Operator"
        ],
        "description": "Settles every symbol (or the one given) now; answers the funding records written.\n\n**Access:** The operator's bearer token (`PERPETUA_ADMIN_TOKEN`); not rate limited.",
        "x-perpetua-access": "admin",
        "x-perpetua-weight": 1,
        "security": [
          {
            "operatorAuth": []
          }
        ],
        "requestBody": {
          "required": false,
          "content": {
            "application/json": {
              "schema": {
                "type": "object",
                "properties": {
                  "symbol": {
                    "type": [
                      "string",
                      "null"
                    ]
                  }
                },
                "required": []
              }
            }
          },
          "description": "May be omitted: an empty body reads as `{}`."
        },
        "responses": {
          "200": {
            "description": "Success: the envelope with `code` 0.",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/X-Request-Id"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "type": "object",
                  "required": [
                    "code",
                    "msg",
                    "data"
                  ],
                  "properties": {
                    "code": {
                      "const": 0
                    },
                    "msg": {
                      "const": "OK"
                    },
                    "data": {
                      "type": "array",
                      "items": {
                        "$ref": "#/components/schemas/FundingRecord"
                      }
                    }
                  }
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest5"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized5"
          },
          "404": {
            "$ref": "#/components/responses/NotFound6"
          },
          "500": {
            "$ref": "#/components/responses/InternalError2"
          },
          "503": {
            "$ref": "#/components/responses/Unavailable2"
          }
        }
      }
    },
    "/v1/admin/clock": {
      "get": {
        "operationId": "adminGetClock",
        "summary": "The exchange clock",
        "tags": [
          "Operator"
        ],
        "description": "**Access:** The operator's bearer token (`PERPETUA_ADMIN_TOKEN`); not rate limited.",
        "x-perpetua-access": "admin",
        "x-perpetua-weight": 1,
        "security": [
          {
            "operatorAuth": []
          }
        ],
        "responses": {
          "200": {
            "description": "Success: the envelope with `code` 0.",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/X-Request-Id"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "type": "object",
                  "required": [
                    "code",
                    "msg",
                    "data"
                  ],
                  "properties": {
                    "code": {
                      "const": 0
                    },
                    "msg": {
                      "const": "OK"
                    },
                    "data": {
                      "$ref": "#/components/schemas/Clock"
                    }
                  }
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest5"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized5"
          },
          "500": {
            "$ref": "#/components/responses/InternalError2"
          },
          "503": {
            "$ref": "#/components/responses/Unavailable2"
          }
        }
      },
      "post": {
        "operationId": "adminSetClock",
        "summary": "Move a manual clock forward",
        "tags": [
          "Operator"
        ],
        "description": "Only with `--clock manual`; never back (12001), running every timer that falls due on the way, in order.\n\n**Access:** The operator's bearer token (`PERPETUA_ADMIN_TOKEN`); not rate limited.",
        "x-perpetua-access": "admin",
        "x-perpetua-weight": 1,
        "security": [
          {
            "operatorAuth": []
          }
        ],
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "type": "object",
                "properties": {
                  "time": {
                    "type": "integer",
                    "format": "int64"
                  }
                },
                "required": [
                  "time"
                ]
              }
            }
          }
        },
        "responses": {
          "200": {
            "description": "Success: the envelope with `code` 0.",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/X-Request-Id"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "type": "object",
                  "required": [
                    "code",
                    "msg",
                    "data"
                  ],
                  "properties": {
                    "code": {
                      "const": 0
                    },
                    "msg": {
                      "const": "OK"
                    },
                    "data": {
                      "$ref": "#/components/schemas/Clock"
                    }
                  }
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest5"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized5"
          },
          "500": {
            "$ref": "#/components/responses/InternalError2"
          },
          "503": {
            "$ref": "#/components/responses/Unavailable2"
          }
        }
      }
    },
    "/v1/ws/public": {
      "get": {
        "operationId": "streamPublic",
        "summary": "WebSocket: public market data",
        "tags": [
          "Streams"
        ],
        "description": "Public market data (API.md §6.1).\n\n**Not REST.** Connect with a WebSocket upgrade (`GET` with `Upgrade: websocket`); the server answers 101 and then speaks the messages below as JSON text frames. A plain HTTP `GET` without the upgrade answers 12001 in the envelope (charged like any public request, weight 1 per IP).\n\n**Heartbeat and limits** (API.md §6.1): the text frame `ping` is answered with `pong`; the server sends WebSocket pings every 20 s and closes a connection that sent nothing for 60 s (1000 \"idle for too long\"). Any frame counts, a pong or a ping frame as well as a message: a client that answers the pings stays connected without sending `ping`, and a late pong closes nothing by itself. At most 100 subscriptions and 10 inbound messages per second per connection: past 10 per second each message is answered with an error (11001) and ignored, past 20 the connection closes (1008 \"too many messages\"). A connection lasts at most 24 h (1000). Inbound messages are at most 16 KiB: a larger one is answered with an error (12001, `id` null) and ignored, and a frame over 64 KiB closes the connection (1009).\n\n**Slow consumers.** Each connection has a bounded outbound queue (4096 messages); a client that falls so far behind that it overflows is closed with 1008 \"slow consumer\". The engine never waits for a socket.\n\n**Requests.** `{\"op\": \"subscribe\"|\"unsubscribe\", \"id\": <integer or string>, \"args\": [{\"channel\": \"depth\", \"symbol\": \"BTCUSDT\"}, …]}`. Kline arguments add `\"interval\"` (every interval of GET /v1/public/market/klines) and `\"priceType\"` (TRADE, MARK, INDEX). Replies: `{\"event\": \"subscribe\"|\"unsubscribe\", \"id\": …, \"arg\": {…}}` per argument, or `{\"event\": \"error\", \"id\": …, \"code\": 12001, \"msg\": \"…\"}` for malformed JSON, an unknown op or channel, a missing field, or the subscription limit; 12002 for an unknown symbol (the message names the symbol meant when the input normalises to one); 11001 past the message rate (the connection stays open; `id` is null when it could not be read).\n\n**Channels.**\n- `depth`: the full book. First `{\"channel\": \"depth\", \"symbol\", \"action\": \"snapshot\", \"data\": {\"seq\", \"prevSeq\": -1, \"bids\", \"asks\", \"checksum\", \"time\"}}`, then one `\"action\": \"update\"` per command that changed the book, whose `prevSeq` is the previous message's `seq`. Levels are `[price, quantity]` strings with absolute quantities; \"0\" removes the level. `seq` is the REST depth `seq` (GET /v1/public/market/depth) at the same state. `checksum`: up to 25 levels per side, interleaved `bidPrice:bidQty:askPrice:askQty` level by level (continuing with the longer side), joined with `:`, CRC32 (IEEE) as a signed 32-bit integer. A client keeps a local book from a snapshot (or the REST depth) and resubscribes on a `prevSeq` gap or checksum mismatch.\n- `depth5`, `depth20`: top-N snapshots (`\"action\": \"snapshot\"`, same data shape, checksum over the N levels sent) on subscribe and then every 100 ms when the book changed.\n- `trades`: `{\"channel\": \"trades\", \"symbol\", \"data\": [{\"tradeId\", \"price\", \"qty\", \"side\", \"time\"}]}`, the trades of one command, as GET /v1/public/market/trades.\n- `ticker`: `{\"channel\": \"ticker\", \"symbol\", \"data\": {…}}` as GET /v1/public/market/ticker, on subscribe and every second when changed.\n- `kline`: `{\"channel\": \"kline\", \"symbol\", \"interval\", \"priceType\", \"data\": {…}}`, the current bar as GET /v1/public/market/klines, every 100 ms when it changed.\n- `markPrice`: `{\"channel\": \"markPrice\", \"symbol\", \"data\": {\"symbol\", \"markPrice\", \"indexPrice\", \"fundingRate\", \"nextFundingTime\", \"time\"}}` on subscribe and at each mark-price tick (1 s).\n\n**Closes.** 1000 (idle, lifetime), 1001 (server shutting down), 1008 (\"too many messages\", \"slow consumer\").\n\n**Access:** No credentials; limited per IP when requested without the upgrade (public bucket, weight 1).",
        "x-perpetua-access": "open",
        "x-perpetua-weight": 1,
        "security": [],
        "responses": {
          "101": {
            "description": "Switching Protocols: the WebSocket upgrade succeeded; the messages described above follow."
          },
          "400": {
            "$ref": "#/components/responses/BadRequest1"
          },
          "429": {
            "$ref": "#/components/responses/TooManyRequests1"
          },
          "500": {
            "$ref": "#/components/responses/InternalError1"
          },
          "503": {
            "$ref": "#/components/responses/Unavailable1"
          }
        }
      }
    },
    "/v1/ws/private": {
      "get": {
        "operationId": "streamPrivate",
        "summary": "WebSocket: private account events",
        "tags": [
          "Streams"
        ],
        "description": "Private account events (API.md §6.2) for the user of `listenKey`.\n\n**Listen keys.** `POST /v1/private/user/listen-key` returns the user's live key (extending it) or a new one, valid 60 minutes; `PUT` extends it; `DELETE` closes it, and its connections close at once (1000 \"listen key closed\"). When a key expires (on the exchange clock) its connections receive `LISTEN_KEY_EXPIRED` and are closed (1008 \"listen key expired\"). An unknown or expired key on the upgrade: the server sends `{\"event\": \"error\", \"id\": null, \"code\": 10010, \"msg\": \"…\"}` and closes (1008); without the upgrade it answers 10010 (401) in the envelope.\n\n**Not REST.** Connect with a WebSocket upgrade (`GET` with `Upgrade: websocket`); the server answers 101 and then speaks the messages below as JSON text frames. A plain HTTP `GET` without the upgrade answers 12001 in the envelope (charged like any public request, weight 1 per IP).\n\n**Heartbeat and limits** (API.md §6.1): the text frame `ping` is answered with `pong`; the server sends WebSocket pings every 20 s and closes a connection that sent nothing for 60 s (1000 \"idle for too long\"). Any frame counts, a pong or a ping frame as well as a message: a client that answers the pings stays connected without sending `ping`, and a late pong closes nothing by itself. At most 100 subscriptions and 10 inbound messages per second per connection: past 10 per second each message is answered with an error (11001) and ignored, past 20 the connection closes (1008 \"too many messages\"). A connection lasts at most 24 h (1000). Inbound messages are at most 16 KiB: a larger one is answered with an error (12001, `id` null) and ignored, and a frame over 64 KiB closes the connection (1009).\n\n**Slow consumers.** Each connection has a bounded outbound queue (4096 messages); a client that falls so far behind that it overflows is closed with 1008 \"slow consumer\". The engine never waits for a socket.\n\n**Events.** Each is `{\"event\", \"eventTime\", \"seq\", \"data\"}`; `seq` counts 1, 2, 3… per connection, so a gap shows a lost message. The connection takes no requests (anything but `ping` is answered with a 12001 error).\n- `ORDER_UPDATE`: the order as GET /v1/private/order/query, with `lastFill` (`{tradeId, price, qty, fee, feeAsset, role, realizedPnl}` or null). A fill that completes an order is reported with its fill, then once more (FILLED, `lastFill` null) when the order leaves the book.\n- `CONDITION_ORDER_UPDATE`: the condition order as the condition-order endpoints return it. A trigger is reported as TRIGGERED, then TRIGGERED again with `triggeredOrderId` once its order is placed.\n- `STRATEGY_UPDATE`: the strategy as the strategy endpoints return it; its legs' orders come as `ORDER_UPDATE` with source STRATEGY.\n- `POSITION_UPDATE`: the position as GET /v1/private/position/positions.\n- `BALANCE_UPDATE`: one account-change entry `{id, type, asset, amount, balanceAfter, symbol, refId, time}` (types as GET /v1/private/user/account-change-log, e.g. TRADE_FEE, REALIZED_PNL, FUNDING_FEE).\n- `MARGIN_CALL`: `{marginRatio}` (cross maintenance margin over cross margin balance), when a mark tick finds it at 0.8 or more: at once, then at most once a minute while it stays there, and at once again after it has fallen below.\n- `LIQUIDATION`: `{symbol, side (LONG|SHORT, the liquidated position's), quantity, bankruptcyPrice, markPrice, closedInBook, closedByAdl, liquidationFee, time}`.\n- `LISTEN_KEY_EXPIRED`: `{listenKey, expiredAt}`, the last message before the close.\n\n**Access:** The listen key in the query string (no other credentials); limited per IP when requested without the upgrade (public bucket, weight 1).",
        "x-perpetua-access": "open",
        "x-perpetua-weight": 1,
        "security": [],
        "parameters": [
          {
            "name": "listenKey",
            "in": "query",
            "required": true,
            "description": "A live listen key (POST /v1/private/user/listen-key).",
            "schema": {
              "type": "string",
              "minLength": 1
            }
          }
        ],
        "responses": {
          "101": {
            "description": "Switching Protocols: the WebSocket upgrade succeeded; the messages described above follow."
          },
          "400": {
            "$ref": "#/components/responses/BadRequest1"
          },
          "401": {
            "$ref": "#/components/responses/UnauthorizedListenKey"
          },
          "429": {
            "$ref": "#/components/responses/TooManyRequests1"
          },
          "500": {
            "$ref": "#/components/responses/InternalError1"
          },
          "503": {
            "$ref": "#/components/responses/Unavailable1"
          }
        }
      }
    }
  },
  "components": {
    "schemas": {
      "Decimal": {
        "type": "string",
        "pattern": "^-?[0-9]+(\\.[0-9]+)?$",
        "description": "A decimal in canonical form: no exponent, no `+`, prices with the tick's decimals, quantities with the step's, other amounts without trailing zeros. Prices the exchange computes rather than trades at (the mark price, its klines, liquidation and bankruptcy prices, an auto-deleveraging fill's price, which is the exact bankruptcy price, and average prices) show at least the tick's decimals and as many more, up to 8, as their exact value has: they are never rounded for display, so that margin and liquidation figures can be checked from them.",
        "examples": [
          "65000.5"
        ]
      },
      "NullableDecimal": {
        "type": [
          "string",
          "null"
        ],
        "pattern": "^-?[0-9]+(\\.[0-9]+)?$"
      },
      "DecimalInput": {
        "type": "string",
        "pattern": "^-?[0-9]+(\\.[0-9]+)?$",
        "maxLength": 64,
        "description": "A decimal as a JSON string (a JSON number answers 12001 with the string to send). More precision than the symbol allows answers 13003/13004, never rounded.",
        "examples": [
          "65000.5"
        ]
      },
      "NullableDecimalInput": {
        "type": [
          "string",
          "null"
        ],
        "pattern": "^-?[0-9]+(\\.[0-9]+)?$",
        "maxLength": 64
      },
      "Id": {
        "type": "string",
        "pattern": "^[0-9]{1,20}$",
        "description": "A 64-bit id as a decimal string.",
        "examples": [
          "1"
        ]
      },
      "IdInput": {
        "anyOf": [
          {
            "type": "string",
            "pattern": "^[+]?[0-9]{1,20}$"
          },
          {
            "type": "integer",
            "minimum": 0,
            "maximum": 18446744073709551615
          }
        ],
        "description": "A 64-bit id, a decimal string (a JSON integer is accepted too)."
      },
      "Timestamp": {
        "type": "integer",
        "format": "int64",
        "description": "Milliseconds since the Unix epoch, UTC."
      },
      "SymbolName": {
        "type": "string",
        "examples": [
          "BTCUSDT"
        ]
      },
      "ClientOrderId": {
        "type": "string",
        "pattern": "^[A-Za-z0-9_:.\\-]{1,36}$"
      },
      "Date": {
        "type": "string",
        "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$",
        "description": "A UTC day, YYYY-MM-DD."
      },
      "ErrorEnvelope": {
        "type": "object",
        "properties": {
          "code": {
            "type": "integer",
            "enum": [
              10001,
              10002,
              10003,
              10004,
              10005,
              10006,
              10007,
              10008,
              10009,
              10010,
              11001,
              12001,
              12002,
              12003,
              12004,
              13001,
              13002,
              13003,
              13004,
              13005,
              13006,
              13007,
              13008,
              13009,
              13010,
              13011,
              13012,
              13013,
              13014,
              13015,
              13016,
              13017,
              13018,
              14001,
              14002,
              14003,
              90001,
              90002
            ]
          },
          "msg": {
            "type": "string",
            "description": "What went wrong and what to fix."
          },
          "data": {
            "type": [
              "object",
              "null"
            ],
            "description": "Details to fix the request (`field`, `serverTime`, `tickSize`, the existing order, condition order or strategy of a 13015, the final order of a 13014, ...) or null. Never a stack trace."
          }
        },
        "required": [
          "code",
          "msg",
          "data"
        ],
        "description": "Every error: a catalogue code (API.md §3) sent with its HTTP status."
      },
      "Version": {
        "type": "object",
        "properties": {
          "version": {
            "type": "string"
          },
          "apiVersion": {
            "const": "v1"
          },
          "commit": {
            "type": "string"
          }
        },
        "required": [
          "version",
          "apiVersion",
          "commit"
        ]
      },
      "Time": {
        "type": "object",
        "properties": {
          "serverTime": {
            "$ref": "#/components/schemas/Timestamp"
          },
          "exchangeTime": {
            "$ref": "#/components/schemas/Timestamp"
          }
        },
        "required": [
          "serverTime",
          "exchangeTime"
        ]
      },
      "AccessToken": {
        "type": "object",
        "properties": {
          "accessToken": {
            "type": "string"
          },
          "tokenType": {
            "const": "Bearer"
          },
          "expiresIn": {
            "type": "integer",
            "description": "Seconds."
          }
        },
        "required": [
          "accessToken",
          "tokenType",
          "expiresIn"
        ]
      },
      "UserInfo": {
        "type": "object",
        "properties": {
          "userId": {
            "$ref": "#/components/schemas/Id"
          },
          "username": {
            "type": "string"
          },
          "nickname": {
            "type": [
              "string",
              "null"
            ]
          },
          "createdAt": {
            "$ref": "#/components/schemas/Timestamp"
          },
          "feeTier": {
            "type": "integer"
          },
          "makerRate": {
            "$ref": "#/components/schemas/NullableDecimal"
          },
          "takerRate": {
            "$ref": "#/components/schemas/NullableDecimal"
          }
        },
        "required": [
          "userId",
          "username",
          "nickname",
          "createdAt",
          "feeTier",
          "makerRate",
          "takerRate"
        ]
      },
      "ListenKey": {
        "type": "object",
        "properties": {
          "listenKey": {
            "type": "string"
          },
          "expiresAt": {
            "$ref": "#/components/schemas/Timestamp"
          }
        },
        "required": [
          "listenKey",
          "expiresAt"
        ]
      },
      "FavoriteSymbols": {
        "type": "object",
        "properties": {
          "symbols": {
            "type": "array",
            "items": {
              "type": "string"
            }
          }
        },
        "required": [
          "symbols"
        ]
      },
      "AgentTicket": {
        "type": "object",
        "properties": {
          "ticket": {
            "type": "string"
          },
          "expiresAt": {
            "$ref": "#/components/schemas/Timestamp"
          }
        },
        "required": [
          "ticket",
          "expiresAt"
        ]
      },
      "EmbedToken": {
        "type": "object",
        "properties": {
          "embedToken": {
            "type": "string"
          },
          "expiresAt": {
            "$ref": "#/components/schemas/Timestamp"
          }
        },
        "required": [
          "embedToken",
          "expiresAt"
        ]
      },
      "ApiKey": {
        "type": "object",
        "properties": {
          "apiKey": {
            "type": "string"
          },
          "label": {
            "type": "string"
          },
          "permissions": {
            "type": "array",
            "items": {
              "type": "string",
              "enum": [
                "READ",
                "TRADE"
              ]
            }
          },
          "ipWhitelist": {
            "type": "array",
            "items": {
              "type": "string"
            }
          },
          "status": {
            "type": "string",
            "enum": [
              "ENABLED",
              "DISABLED"
            ]
          },
          "createdAt": {
            "$ref": "#/components/schemas/Timestamp"
          },
          "expiresAt": {
            "type": [
              "integer",
              "null"
            ],
            "format": "int64"
          },
          "lastUsedAt": {
            "type": [
              "integer",
              "null"
            ],
            "format": "int64"
          }
        },
        "required": [
          "apiKey",
          "label",
          "permissions",
          "ipWhitelist",
          "status",
          "createdAt",
          "expiresAt",
          "lastUsedAt"
        ]
      },
      "CreatedApiKey": {
        "allOf": [
          {
            "$ref": "#/components/schemas/ApiKey"
          },
          {
            "type": "object",
            "properties": {
              "apiSecret": {
                "type": "string",
                "description": "Shown once; store it now."
              }
            },
            "required": [
              "apiSecret"
            ]
          }
        ]
      },
      "DeletedCount": {
        "type": "object",
        "properties": {
          "deleted": {
            "type": "integer"
          }
        },
        "required": [
          "deleted"
        ]
      },
      "Symbol": {
        "type": "object",
        "properties": {
          "symbol": {
            "type": "string"
          },
          "baseAsset": {
            "type": "string"
          },
          "quoteAsset": {
            "type": "string"
          },
          "contractType": {
            "const": "PERPETUAL"
          },
          "status": {
            "type": "string",
            "enum": [
              "TRADING",
              "SUSPENDED",
              "REDUCE_ONLY"
            ]
          },
          "tickSize": {
            "$ref": "#/components/schemas/Decimal"
          },
          "stepSize": {
            "$ref": "#/components/schemas/Decimal"
          },
          "minQty": {
            "$ref": "#/components/schemas/Decimal"
          },
          "maxQty": {
            "$ref": "#/components/schemas/Decimal"
          },
          "minNotional": {
            "$ref": "#/components/schemas/Decimal"
          },
          "priceBandRate": {
            "$ref": "#/components/schemas/Decimal"
          },
          "maxLeverage": {
            "type": "integer"
          },
          "leverageBrackets": {
            "type": "array",
            "items": {
              "type": "object",
              "properties": {
                "bracket": {
                  "type": "integer"
                },
                "maxLeverage": {
                  "type": "integer"
                },
                "notionalFloor": {
                  "$ref": "#/components/schemas/Decimal"
                },
                "notionalCap": {
                  "$ref": "#/components/schemas/Decimal"
                },
                "maintMarginRate": {
                  "$ref": "#/components/schemas/Decimal"
                },
                "cum": {
                  "$ref": "#/components/schemas/Decimal"
                }
              },
              "required": [
                "bracket",
                "maxLeverage",
                "notionalFloor",
                "notionalCap",
                "maintMarginRate",
                "cum"
              ]
            }
          },
          "feeTiers": {
            "type": "array",
            "items": {
              "type": "object",
              "properties": {
                "tier": {
                  "type": "integer"
                },
                "minVolume30d": {
                  "$ref": "#/components/schemas/Decimal"
                },
                "makerRate": {
                  "$ref": "#/components/schemas/Decimal"
                },
                "takerRate": {
                  "$ref": "#/components/schemas/Decimal"
                }
              },
              "required": [
                "tier",
                "minVolume30d",
                "makerRate",
                "takerRate"
              ]
            }
          },
          "fundingIntervalHours": {
            "type": "integer"
          },
          "interestRate": {
            "$ref": "#/components/schemas/Decimal"
          },
          "capRate": {
            "$ref": "#/components/schemas/Decimal"
          },
          "floorRate": {
            "$ref": "#/components/schemas/Decimal"
          },
          "impactNotional": {
            "$ref": "#/components/schemas/Decimal"
          },
          "maxOpenOrders": {
            "type": "integer"
          }
        },
        "required": [
          "symbol",
          "baseAsset",
          "quoteAsset",
          "contractType",
          "status",
          "tickSize",
          "stepSize",
          "minQty",
          "maxQty",
          "minNotional",
          "priceBandRate",
          "maxLeverage",
          "leverageBrackets",
          "feeTiers",
          "fundingIntervalHours",
          "interestRate",
          "capRate",
          "floorRate",
          "impactNotional",
          "maxOpenOrders"
        ],
        "description": "API.md §5.1 `Symbol`, plus the funding settings and open-order cap the operator sets."
      },
      "SymbolInput": {
        "type": "object",
        "properties": {
          "symbol": {
            "type": "string"
          },
          "baseAsset": {
            "type": [
              "string",
              "null"
            ]
          },
          "quoteAsset": {
            "type": [
              "string",
              "null"
            ]
          },
          "contractType": {
            "type": [
              "string",
              "null"
            ],
            "enum": [
              "PERPETUAL",
              null
            ]
          },
          "status": {
            "type": [
              "string",
              "null"
            ],
            "enum": [
              "TRADING",
              "SUSPENDED",
              "REDUCE_ONLY",
              null
            ]
          },
          "tickSize": {
            "$ref": "#/components/schemas/NullableDecimalInput"
          },
          "stepSize": {
            "$ref": "#/components/schemas/NullableDecimalInput"
          },
          "minQty": {
            "$ref": "#/components/schemas/NullableDecimalInput"
          },
          "maxQty": {
            "$ref": "#/components/schemas/NullableDecimalInput"
          },
          "minNotional": {
            "$ref": "#/components/schemas/NullableDecimalInput"
          },
          "priceBandRate": {
            "$ref": "#/components/schemas/NullableDecimalInput"
          },
          "maxLeverage": {
            "type": [
              "integer",
              "null"
            ]
          },
          "leverageBrackets": {
            "type": [
              "array",
              "null"
            ],
            "items": {
              "type": "object",
              "properties": {
                "bracket": {
                  "type": "integer"
                },
                "maxLeverage": {
                  "type": "integer"
                },
                "notionalFloor": {
                  "$ref": "#/components/schemas/DecimalInput"
                },
                "notionalCap": {
                  "$ref": "#/components/schemas/DecimalInput"
                },
                "maintMarginRate": {
                  "$ref": "#/components/schemas/DecimalInput"
                }
              },
              "required": [
                "bracket",
                "maxLeverage",
                "notionalFloor",
                "notionalCap",
                "maintMarginRate"
              ]
            }
          },
          "feeTiers": {
            "type": [
              "array",
              "null"
            ],
            "items": {
              "type": "object",
              "properties": {
                "tier": {
                  "type": "integer"
                },
                "minVolume30d": {
                  "$ref": "#/components/schemas/DecimalInput"
                },
                "makerRate": {
                  "$ref": "#/components/schemas/DecimalInput"
                },
                "takerRate": {
                  "$ref": "#/components/schemas/DecimalInput"
                }
              },
              "required": [
                "tier",
                "minVolume30d",
                "makerRate",
                "takerRate"
              ]
            }
          },
          "fundingIntervalHours": {
            "type": [
              "integer",
              "null"
            ]
          },
          "interestRate": {
            "$ref": "#/components/schemas/NullableDecimalInput"
          },
          "capRate": {
            "$ref": "#/components/schemas/NullableDecimalInput"
          },
          "floorRate": {
            "$ref": "#/components/schemas/NullableDecimalInput"
          },
          "impactNotional": {
            "$ref": "#/components/schemas/NullableDecimalInput"
          },
          "maxOpenOrders": {
            "type": [
              "integer",
              "null"
            ]
          }
        },
        "required": [
          "symbol"
        ],
        "description": "To create: `symbol` (upper-case letters and digits), `baseAsset`, `tickSize`, `stepSize`, `minQty`, `maxQty`, `minNotional`, `priceBandRate`, `leverageBrackets` and `feeTiers` are required (12001 naming the first missing one). To change: `symbol` and the fields to change."
      },
      "FundingConfig": {
        "type": "object",
        "properties": {
          "symbol": {
            "type": "string"
          },
          "intervalHours": {
            "type": "integer"
          },
          "interestRate": {
            "$ref": "#/components/schemas/Decimal"
          },
          "capRate": {
            "$ref": "#/components/schemas/Decimal"
          },
          "floorRate": {
            "$ref": "#/components/schemas/Decimal"
          },
          "impactNotional": {
            "$ref": "#/components/schemas/Decimal"
          }
        },
        "required": [
          "symbol",
          "intervalHours",
          "interestRate",
          "capRate",
          "floorRate",
          "impactNotional"
        ]
      },
      "CurrentFunding": {
        "type": "object",
        "properties": {
          "symbol": {
            "type": "string"
          },
          "fundingRate": {
            "$ref": "#/components/schemas/Decimal"
          },
          "markPrice": {
            "$ref": "#/components/schemas/NullableDecimal"
          },
          "indexPrice": {
            "$ref": "#/components/schemas/NullableDecimal"
          },
          "nextFundingTime": {
            "$ref": "#/components/schemas/Timestamp"
          },
          "lastFundingRate": {
            "$ref": "#/components/schemas/Decimal"
          }
        },
        "required": [
          "symbol",
          "fundingRate",
          "markPrice",
          "indexPrice",
          "nextFundingTime",
          "lastFundingRate"
        ],
        "description": "`markPrice` and `indexPrice` are null until the symbol has an index price."
      },
      "FundingRecord": {
        "type": "object",
        "properties": {
          "symbol": {
            "type": "string"
          },
          "fundingRate": {
            "$ref": "#/components/schemas/Decimal"
          },
          "markPrice": {
            "$ref": "#/components/schemas/Decimal"
          },
          "fundingTime": {
            "$ref": "#/components/schemas/Timestamp"
          }
        },
        "required": [
          "symbol",
          "fundingRate",
          "markPrice",
          "fundingTime"
        ]
      },
      "Kline": {
        "type": "object",
        "properties": {
          "openTime": {
            "$ref": "#/components/schemas/Timestamp"
          },
          "closeTime": {
            "$ref": "#/components/schemas/Timestamp"
          },
          "open": {
            "$ref": "#/components/schemas/Decimal"
          },
          "high": {
            "$ref": "#/components/schemas/Decimal"
          },
          "low": {
            "$ref": "#/components/schemas/Decimal"
          },
          "close": {
            "$ref": "#/components/schemas/Decimal"
          },
          "volume": {
            "$ref": "#/components/schemas/Decimal"
          },
          "quoteVolume": {
            "$ref": "#/components/schemas/Decimal"
          },
          "tradeCount": {
            "type": "integer"
          }
        },
        "required": [
          "openTime",
          "closeTime",
          "open",
          "high",
          "low",
          "close",
          "volume",
          "quoteVolume",
          "tradeCount"
        ]
      },
      "LeaderboardEntry": {
        "type": "object",
        "properties": {
          "rank": {
            "type": "integer",
            "minimum": 1
          },
          "name": {
            "type": "string"
          },
          "pnl": {
            "$ref": "#/components/schemas/Decimal"
          },
          "roi": {
            "$ref": "#/components/schemas/Decimal"
          },
          "volume": {
            "$ref": "#/components/schemas/Decimal"
          }
        },
        "required": [
          "rank",
          "name",
          "pnl",
          "roi",
          "volume"
        ]
      },
      "Depth": {
        "type": "object",
        "properties": {
          "symbol": {
            "type": "string"
          },
          "seq": {
            "type": "integer",
            "minimum": 0
          },
          "bids": {
            "type": "array",
            "items": {
              "type": "array",
              "prefixItems": [
                {
                  "$ref": "#/components/schemas/Decimal"
                },
                {
                  "$ref": "#/components/schemas/Decimal"
                }
              ],
              "items": false,
              "minItems": 2,
              "maxItems": 2,
              "description": "[price, quantity]"
            }
          },
          "asks": {
            "type": "array",
            "items": {
              "type": "array",
              "prefixItems": [
                {
                  "$ref": "#/components/schemas/Decimal"
                },
                {
                  "$ref": "#/components/schemas/Decimal"
                }
              ],
              "items": false,
              "minItems": 2,
              "maxItems": 2,
              "description": "[price, quantity]"
            }
          },
          "checksum": {
            "type": "integer",
            "minimum": -2147483648,
            "maximum": 2147483647
          },
          "time": {
            "$ref": "#/components/schemas/Timestamp"
          }
        },
        "required": [
          "symbol",
          "seq",
          "bids",
          "asks",
          "checksum",
          "time"
        ]
      },
      "PublicTrade": {
        "type": "object",
        "properties": {
          "tradeId": {
            "$ref": "#/components/schemas/Id"
          },
          "price": {
            "$ref": "#/components/schemas/Decimal"
          },
          "qty": {
            "$ref": "#/components/schemas/Decimal"
          },
          "side": {
            "type": "string",
            "enum": [
              "BUY",
              "SELL"
            ],
            "description": "The taker's side."
          },
          "time": {
            "$ref": "#/components/schemas/Timestamp"
          }
        },
        "required": [
          "tradeId",
          "price",
          "qty",
          "side",
          "time"
        ]
      },
      "Ticker": {
        "type": "object",
        "properties": {
          "symbol": {
            "type": "string"
          },
          "last": {
            "$ref": "#/components/schemas/NullableDecimal"
          },
          "open": {
            "$ref": "#/components/schemas/NullableDecimal"
          },
          "high": {
            "$ref": "#/components/schemas/NullableDecimal"
          },
          "low": {
            "$ref": "#/components/schemas/NullableDecimal"
          },
          "volume": {
            "$ref": "#/components/schemas/Decimal"
          },
          "quoteVolume": {
            "$ref": "#/components/schemas/Decimal"
          },
          "change": {
            "$ref": "#/components/schemas/NullableDecimal"
          },
          "changePercent": {
            "type": [
              "string",
              "null"
            ],
            "pattern": "^-?[0-9]+(\\.[0-9]+)?$",
            "description": "(last − open) / open × 100, two decimals; null without prices or with open 0."
          },
          "markPrice": {
            "$ref": "#/components/schemas/NullableDecimal"
          },
          "indexPrice": {
            "$ref": "#/components/schemas/NullableDecimal"
          },
          "bestBid": {
            "$ref": "#/components/schemas/NullableDecimal"
          },
          "bestAsk": {
            "$ref": "#/components/schemas/NullableDecimal"
          },
          "tradeCount": {
            "type": "integer",
            "minimum": 0
          },
          "time": {
            "$ref": "#/components/schemas/Timestamp"
          }
        },
        "required": [
          "symbol",
          "last",
          "open",
          "high",
          "low",
          "volume",
          "quoteVolume",
          "change",
          "changePercent",
          "markPrice",
          "indexPrice",
          "bestBid",
          "bestAsk",
          "tradeCount",
          "time"
        ]
      },
      "Asset": {
        "type": "object",
        "properties": {
          "asset": {
            "const": "USDT"
          },
          "walletBalance": {
            "$ref": "#/components/schemas/Decimal"
          },
          "unrealizedPnl": {
            "$ref": "#/components/schemas/Decimal"
          },
          "marginBalance": {
            "$ref": "#/components/schemas/Decimal"
          },
          "availableBalance": {
            "$ref": "#/components/schemas/Decimal"
          },
          "positionInitialMargin": {
            "$ref": "#/components/schemas/Decimal"
          },
          "orderInitialMargin": {
            "$ref": "#/components/schemas/Decimal"
          },
          "maintenanceMargin": {
            "$ref": "#/components/schemas/Decimal"
          },
          "marginRatio": {
            "$ref": "#/components/schemas/Decimal"
          }
        },
        "required": [
          "asset",
          "walletBalance",
          "unrealizedPnl",
          "marginBalance",
          "availableBalance",
          "positionInitialMargin",
          "orderInitialMargin",
          "maintenanceMargin",
          "marginRatio"
        ],
        "description": "`marginRatio` = maintenance margin / margin balance."
      },
      "AccountChange": {
        "type": "object",
        "properties": {
          "id": {
            "$ref": "#/components/schemas/Id"
          },
          "type": {
            "type": "string",
            "enum": [
              "DEPOSIT",
              "WITHDRAW",
              "REALIZED_PNL",
              "TRADE_FEE",
              "FUNDING_FEE",
              "LIQUIDATION_FEE",
              "INSURANCE_CLEAR",
              "ADL",
              "ADJUSTMENT"
            ]
          },
          "asset": {
            "const": "USDT"
          },
          "amount": {
            "$ref": "#/components/schemas/Decimal"
          },
          "balanceAfter": {
            "$ref": "#/components/schemas/Decimal"
          },
          "symbol": {
            "type": [
              "string",
              "null"
            ]
          },
          "refId": {
            "$ref": "#/components/schemas/Id"
          },
          "time": {
            "$ref": "#/components/schemas/Timestamp"
          }
        },
        "required": [
          "id",
          "type",
          "asset",
          "amount",
          "balanceAfter",
          "symbol",
          "refId",
          "time"
        ]
      },
      "VolumeStats": {
        "type": "object",
        "properties": {
          "volume30d": {
            "$ref": "#/components/schemas/Decimal"
          },
          "makerVolume30d": {
            "$ref": "#/components/schemas/Decimal"
          },
          "takerVolume30d": {
            "$ref": "#/components/schemas/Decimal"
          },
          "fees30d": {
            "$ref": "#/components/schemas/Decimal"
          },
          "feeTier": {
            "type": "integer"
          },
          "makerRate": {
            "$ref": "#/components/schemas/Decimal"
          },
          "takerRate": {
            "$ref": "#/components/schemas/Decimal"
          },
          "daily": {
            "type": "array",
            "items": {
              "type": "object",
              "properties": {
                "date": {
                  "$ref": "#/components/schemas/Date"
                },
                "volume": {
                  "$ref": "#/components/schemas/Decimal"
                },
                "fees": {
                  "$ref": "#/components/schemas/Decimal"
                }
              },
              "required": [
                "date",
                "volume",
                "fees"
              ]
            }
          }
        },
        "required": [
          "volume30d",
          "makerVolume30d",
          "takerVolume30d",
          "fees30d",
          "feeTier",
          "makerRate",
          "takerRate",
          "daily"
        ]
      },
      "BalanceDay": {
        "type": "object",
        "properties": {
          "date": {
            "$ref": "#/components/schemas/Date"
          },
          "walletBalance": {
            "$ref": "#/components/schemas/Decimal"
          },
          "marginBalance": {
            "$ref": "#/components/schemas/Decimal"
          }
        },
        "required": [
          "date",
          "walletBalance",
          "marginBalance"
        ]
      },
      "TradeOverview": {
        "type": "object",
        "properties": {
          "realizedPnl": {
            "$ref": "#/components/schemas/Decimal"
          },
          "fees": {
            "$ref": "#/components/schemas/Decimal"
          },
          "funding": {
            "$ref": "#/components/schemas/Decimal"
          },
          "volume": {
            "$ref": "#/components/schemas/Decimal"
          },
          "tradeCount": {
            "type": "integer",
            "minimum": 0
          },
          "winRate": {
            "$ref": "#/components/schemas/Decimal"
          },
          "trend": {
            "type": "array",
            "items": {
              "type": "object",
              "properties": {
                "date": {
                  "$ref": "#/components/schemas/Date"
                },
                "pnl": {
                  "$ref": "#/components/schemas/Decimal"
                },
                "cumulativePnl": {
                  "$ref": "#/components/schemas/Decimal"
                },
                "volume": {
                  "$ref": "#/components/schemas/Decimal"
                }
              },
              "required": [
                "date",
                "pnl",
                "cumulativePnl",
                "volume"
              ]
            }
          }
        },
        "required": [
          "realizedPnl",
          "fees",
          "funding",
          "volume",
          "tradeCount",
          "winRate",
          "trend"
        ]
      },
      "AssetSummary": {
        "type": "object",
        "properties": {
          "equity": {
            "$ref": "#/components/schemas/Decimal"
          },
          "walletBalance": {
            "$ref": "#/components/schemas/Decimal"
          },
          "unrealizedPnl": {
            "$ref": "#/components/schemas/Decimal"
          },
          "pnlToday": {
            "$ref": "#/components/schemas/Decimal"
          },
          "pnl7d": {
            "$ref": "#/components/schemas/Decimal"
          },
          "pnl30d": {
            "$ref": "#/components/schemas/Decimal"
          },
          "roi30d": {
            "$ref": "#/components/schemas/Decimal"
          }
        },
        "required": [
          "equity",
          "walletBalance",
          "unrealizedPnl",
          "pnlToday",
          "pnl7d",
          "pnl30d",
          "roi30d"
        ]
      },
      "EquityPoint": {
        "type": "object",
        "properties": {
          "time": {
            "$ref": "#/components/schemas/Timestamp"
          },
          "equity": {
            "$ref": "#/components/schemas/Decimal"
          }
        },
        "required": [
          "time",
          "equity"
        ]
      },
      "Order": {
        "type": "object",
        "properties": {
          "orderId": {
            "$ref": "#/components/schemas/Id"
          },
          "clientOrderId": {
            "type": [
              "string",
              "null"
            ]
          },
          "symbol": {
            "type": "string"
          },
          "side": {
            "type": "string",
            "enum": [
              "BUY",
              "SELL"
            ]
          },
          "type": {
            "type": "string",
            "enum": [
              "LIMIT",
              "MARKET"
            ]
          },
          "price": {
            "type": [
              "string",
              "null"
            ],
            "pattern": "^-?[0-9]+(\\.[0-9]+)?$",
            "description": "Null for MARKET orders."
          },
          "quantity": {
            "$ref": "#/components/schemas/Decimal"
          },
          "timeInForce": {
            "type": "string",
            "enum": [
              "GTC",
              "IOC",
              "FOK",
              "POST_ONLY"
            ]
          },
          "reduceOnly": {
            "type": "boolean"
          },
          "selfTradePrevention": {
            "type": "string",
            "enum": [
              "CANCEL_TAKER",
              "CANCEL_MAKER",
              "CANCEL_BOTH",
              "NONE"
            ]
          },
          "status": {
            "type": "string",
            "enum": [
              "NEW",
              "PARTIALLY_FILLED",
              "FILLED",
              "CANCELED",
              "REJECTED",
              "EXPIRED"
            ]
          },
          "executedQty": {
            "$ref": "#/components/schemas/Decimal"
          },
          "avgPrice": {
            "$ref": "#/components/schemas/Decimal",
            "description": "\"0\" until something fills."
          },
          "cumQuote": {
            "$ref": "#/components/schemas/Decimal"
          },
          "source": {
            "type": "string",
            "enum": [
              "USER",
              "CONDITION",
              "STRATEGY",
              "LIQUIDATION",
              "ADL"
            ]
          },
          "cancelReason": {
            "type": [
              "string",
              "null"
            ],
            "enum": [
              "USER_CANCELED",
              "IMMEDIATE_OR_CANCEL",
              "PRICE_BAND",
              "SELF_TRADE_PREVENTION",
              "REDUCE_ONLY",
              "LIQUIDATION",
              "STRATEGY",
              "MARKET_CLOSED",
              "INSUFFICIENT_MARGIN",
              null
            ]
          },
          "conditionOrderId": {
            "anyOf": [
              {
                "$ref": "#/components/schemas/Id"
              },
              {
                "type": "null"
              }
            ]
          },
          "strategyId": {
            "anyOf": [
              {
                "$ref": "#/components/schemas/Id"
              },
              {
                "type": "null"
              }
            ]
          },
          "createTime": {
            "$ref": "#/components/schemas/Timestamp"
          },
          "updateTime": {
            "$ref": "#/components/schemas/Timestamp"
          }
        },
        "required": [
          "orderId",
          "clientOrderId",
          "symbol",
          "side",
          "type",
          "price",
          "quantity",
          "timeInForce",
          "reduceOnly",
          "selfTradePrevention",
          "status",
          "executedQty",
          "avgPrice",
          "cumQuote",
          "source",
          "cancelReason",
          "conditionOrderId",
          "strategyId",
          "createTime",
          "updateTime"
        ]
      },
      "ConditionOrder": {
        "type": "object",
        "properties": {
          "conditionOrderId": {
            "$ref": "#/components/schemas/Id"
          },
          "clientOrderId": {
            "type": [
              "string",
              "null"
            ]
          },
          "symbol": {
            "type": "string"
          },
          "side": {
            "type": "string",
            "enum": [
              "BUY",
              "SELL"
            ]
          },
          "type": {
            "type": "string",
            "enum": [
              "STOP_MARKET",
              "STOP_LIMIT",
              "TAKE_PROFIT_MARKET",
              "TAKE_PROFIT_LIMIT",
              "TRAILING_STOP_MARKET"
            ]
          },
          "triggerPrice": {
            "$ref": "#/components/schemas/NullableDecimal"
          },
          "triggerPriceType": {
            "type": "string",
            "enum": [
              "LAST",
              "MARK",
              "INDEX"
            ]
          },
          "price": {
            "$ref": "#/components/schemas/NullableDecimal"
          },
          "quantity": {
            "$ref": "#/components/schemas/NullableDecimal"
          },
          "closePosition": {
            "type": "boolean"
          },
          "reduceOnly": {
            "type": "boolean"
          },
          "callbackRate": {
            "$ref": "#/components/schemas/NullableDecimal"
          },
          "activationPrice": {
            "$ref": "#/components/schemas/NullableDecimal"
          },
          "timeInForce": {
            "type": "string",
            "enum": [
              "GTC",
              "IOC",
              "FOK",
              "POST_ONLY"
            ]
          },
          "selfTradePrevention": {
            "type": "string",
            "enum": [
              "CANCEL_TAKER",
              "CANCEL_MAKER",
              "CANCEL_BOTH",
              "NONE"
            ]
          },
          "status": {
            "type": "string",
            "enum": [
              "UNTRIGGERED",
              "TRIGGERED",
              "CANCELED",
              "EXPIRED",
              "REJECTED"
            ]
          },
          "triggeredOrderId": {
            "anyOf": [
              {
                "$ref": "#/components/schemas/Id"
              },
              {
                "type": "null"
              }
            ]
          },
          "strategyId": {
            "anyOf": [
              {
                "$ref": "#/components/schemas/Id"
              },
              {
                "type": "null"
              }
            ]
          },
          "rejectCode": {
            "type": [
              "integer",
              "null"
            ],
            "description": "The §3 code when the triggered order was rejected."
          },
          "cancelReason": {
            "type": [
              "string",
              "null"
            ],
            "enum": [
              "USER_CANCELED",
              "IMMEDIATE_OR_CANCEL",
              "PRICE_BAND",
              "SELF_TRADE_PREVENTION",
              "REDUCE_ONLY",
              "LIQUIDATION",
              "STRATEGY",
              "MARKET_CLOSED",
              "INSUFFICIENT_MARGIN",
              null
            ]
          },
          "createTime": {
            "$ref": "#/components/schemas/Timestamp"
          },
          "updateTime": {
            "$ref": "#/components/schemas/Timestamp"
          }
        },
        "required": [
          "conditionOrderId",
          "clientOrderId",
          "symbol",
          "side",
          "type",
          "triggerPrice",
          "triggerPriceType",
          "price",
          "quantity",
          "closePosition",
          "reduceOnly",
          "callbackRate",
          "activationPrice",
          "timeInForce",
          "selfTradePrevention",
          "status",
          "triggeredOrderId",
          "strategyId",
          "rejectCode",
          "cancelReason",
          "createTime",
          "updateTime"
        ]
      },
      "Strategy": {
        "type": "object",
        "properties": {
          "strategyId": {
            "$ref": "#/components/schemas/Id"
          },
          "clientStrategyId": {
            "type": [
              "string",
              "null"
            ]
          },
          "type": {
            "type": "string",
            "enum": [
              "OTO",
              "OCO",
              "OTOCO"
            ]
          },
          "status": {
            "type": "string",
            "enum": [
              "NEW",
              "WORKING",
              "COMPLETED",
              "CANCELED"
            ]
          },
          "legs": {
            "type": "array",
            "items": {
              "type": "object",
              "properties": {
                "role": {
                  "type": "string",
                  "enum": [
                    "WORKING",
                    "PENDING",
                    "LEG"
                  ]
                },
                "kind": {
                  "type": "string",
                  "enum": [
                    "ORDER",
                    "CONDITION"
                  ]
                },
                "symbol": {
                  "type": "string"
                },
                "side": {
                  "type": "string",
                  "enum": [
                    "BUY",
                    "SELL"
                  ]
                },
                "type": {
                  "type": "string",
                  "enum": [
                    "LIMIT",
                    "MARKET",
                    "STOP_MARKET",
                    "STOP_LIMIT",
                    "TAKE_PROFIT_MARKET",
                    "TAKE_PROFIT_LIMIT",
                    "TRAILING_STOP_MARKET"
                  ]
                },
                "orderId": {
                  "anyOf": [
                    {
                      "$ref": "#/components/schemas/Id"
                    },
                    {
                      "type": "null"
                    }
                  ]
                },
                "conditionOrderId": {
                  "anyOf": [
                    {
                      "$ref": "#/components/schemas/Id"
                    },
                    {
                      "type": "null"
                    }
                  ]
                }
              },
              "required": [
                "role",
                "kind",
                "symbol",
                "side",
                "type",
                "orderId",
                "conditionOrderId"
              ]
            }
          },
          "createTime": {
            "$ref": "#/components/schemas/Timestamp"
          },
          "updateTime": {
            "$ref": "#/components/schemas/Timestamp"
          }
        },
        "required": [
          "strategyId",
          "clientStrategyId",
          "type",
          "status",
          "legs",
          "createTime",
          "updateTime"
        ]
      },
      "BatchItem": {
        "type": "object",
        "properties": {
          "code": {
            "type": "integer",
            "description": "0, or a §3 code for this item."
          },
          "msg": {
            "type": "string"
          },
          "data": {
            "type": [
              "object",
              "null"
            ],
            "description": "The Order on success, error details (or the existing order of a 13015) otherwise."
          }
        },
        "required": [
          "code",
          "msg",
          "data"
        ]
      },
      "CancelAllResult": {
        "type": "object",
        "properties": {
          "canceledOrders": {
            "type": "integer",
            "minimum": 0
          },
          "canceledConditionOrders": {
            "type": "integer",
            "minimum": 0
          }
        },
        "required": [
          "canceledOrders",
          "canceledConditionOrders"
        ]
      },
      "Fill": {
        "type": "object",
        "properties": {
          "tradeId": {
            "$ref": "#/components/schemas/Id"
          },
          "orderId": {
            "$ref": "#/components/schemas/Id"
          },
          "symbol": {
            "type": "string"
          },
          "side": {
            "type": "string",
            "enum": [
              "BUY",
              "SELL"
            ]
          },
          "price": {
            "$ref": "#/components/schemas/Decimal"
          },
          "qty": {
            "$ref": "#/components/schemas/Decimal"
          },
          "quoteQty": {
            "$ref": "#/components/schemas/Decimal"
          },
          "fee": {
            "$ref": "#/components/schemas/Decimal"
          },
          "feeAsset": {
            "type": "string"
          },
          "role": {
            "type": "string",
            "enum": [
              "MAKER",
              "TAKER"
            ]
          },
          "realizedPnl": {
            "$ref": "#/components/schemas/Decimal"
          },
          "time": {
            "$ref": "#/components/schemas/Timestamp"
          }
        },
        "required": [
          "tradeId",
          "orderId",
          "symbol",
          "side",
          "price",
          "qty",
          "quoteQty",
          "fee",
          "feeAsset",
          "role",
          "realizedPnl",
          "time"
        ]
      },
      "PositionSettings": {
        "type": "object",
        "properties": {
          "symbol": {
            "type": "string"
          },
          "leverage": {
            "type": "integer"
          },
          "marginMode": {
            "type": "string",
            "enum": [
              "CROSS",
              "ISOLATED"
            ]
          },
          "maxNotional": {
            "$ref": "#/components/schemas/Decimal"
          }
        },
        "required": [
          "symbol",
          "leverage",
          "marginMode",
          "maxNotional"
        ]
      },
      "Position": {
        "type": "object",
        "properties": {
          "symbol": {
            "type": "string"
          },
          "side": {
            "type": "string",
            "enum": [
              "LONG",
              "SHORT"
            ]
          },
          "size": {
            "$ref": "#/components/schemas/Decimal"
          },
          "entryPrice": {
            "$ref": "#/components/schemas/Decimal"
          },
          "markPrice": {
            "$ref": "#/components/schemas/Decimal"
          },
          "unrealizedPnl": {
            "$ref": "#/components/schemas/Decimal"
          },
          "realizedPnl": {
            "$ref": "#/components/schemas/Decimal"
          },
          "leverage": {
            "type": "integer"
          },
          "marginMode": {
            "type": "string",
            "enum": [
              "CROSS",
              "ISOLATED"
            ]
          },
          "isolatedMargin": {
            "$ref": "#/components/schemas/Decimal"
          },
          "initialMargin": {
            "$ref": "#/components/schemas/Decimal"
          },
          "maintenanceMargin": {
            "$ref": "#/components/schemas/Decimal"
          },
          "liquidationPrice": {
            "$ref": "#/components/schemas/NullableDecimal"
          },
          "marginRatio": {
            "$ref": "#/components/schemas/Decimal"
          },
          "updateTime": {
            "$ref": "#/components/schemas/Timestamp"
          }
        },
        "required": [
          "symbol",
          "side",
          "size",
          "entryPrice",
          "markPrice",
          "unrealizedPnl",
          "realizedPnl",
          "leverage",
          "marginMode",
          "isolatedMargin",
          "initialMargin",
          "maintenanceMargin",
          "liquidationPrice",
          "marginRatio",
          "updateTime"
        ],
        "description": "One-way mode: one position per symbol; `size` is absolute."
      },
      "PositionHistory": {
        "type": "object",
        "properties": {
          "symbol": {
            "type": "string"
          },
          "side": {
            "type": "string",
            "enum": [
              "LONG",
              "SHORT"
            ]
          },
          "openTime": {
            "$ref": "#/components/schemas/Timestamp"
          },
          "closeTime": {
            "$ref": "#/components/schemas/Timestamp"
          },
          "maxSize": {
            "$ref": "#/components/schemas/Decimal"
          },
          "entryPrice": {
            "$ref": "#/components/schemas/Decimal"
          },
          "closePrice": {
            "$ref": "#/components/schemas/Decimal"
          },
          "realizedPnl": {
            "$ref": "#/components/schemas/Decimal"
          },
          "fees": {
            "$ref": "#/components/schemas/Decimal"
          },
          "funding": {
            "$ref": "#/components/schemas/Decimal"
          },
          "closeType": {
            "type": "string",
            "enum": [
              "CLOSE",
              "LIQUIDATION",
              "ADL"
            ]
          }
        },
        "required": [
          "symbol",
          "side",
          "openTime",
          "closeTime",
          "maxSize",
          "entryPrice",
          "closePrice",
          "realizedPnl",
          "fees",
          "funding",
          "closeType"
        ]
      },
      "AdminUser": {
        "type": "object",
        "properties": {
          "userId": {
            "$ref": "#/components/schemas/Id"
          },
          "username": {
            "type": "string"
          },
          "nickname": {
            "type": [
              "string",
              "null"
            ]
          },
          "createdAt": {
            "$ref": "#/components/schemas/Timestamp"
          }
        },
        "required": [
          "userId",
          "username",
          "nickname",
          "createdAt"
        ]
      },
      "Clock": {
        "type": "object",
        "properties": {
          "time": {
            "$ref": "#/components/schemas/Timestamp"
          },
          "mode": {
            "type": "string",
            "enum": [
              "WALL",
              "MANUAL"
            ]
          }
        },
        "required": [
          "time",
          "mode"
        ]
      },
      "PlaceOrderRequest": {
        "type": "object",
        "properties": {
          "symbol": {
            "$ref": "#/components/schemas/SymbolName"
          },
          "side": {
            "type": "string",
            "enum": [
              "BUY",
              "SELL"
            ]
          },
          "type": {
            "type": "string",
            "enum": [
              "LIMIT",
              "MARKET"
            ]
          },
          "quantity": {
            "$ref": "#/components/schemas/DecimalInput"
          },
          "price": {
            "$ref": "#/components/schemas/NullableDecimalInput",
            "description": "Required for LIMIT, absent for MARKET."
          },
          "timeInForce": {
            "type": [
              "string",
              "null"
            ],
            "enum": [
              "GTC",
              "IOC",
              "FOK",
              "POST_ONLY",
              null
            ]
          },
          "reduceOnly": {
            "type": [
              "boolean",
              "null"
            ]
          },
          "clientOrderId": {
            "type": [
              "string",
              "null"
            ],
            "pattern": "^[A-Za-z0-9_:.\\-]{1,36}$"
          },
          "selfTradePrevention": {
            "type": [
              "string",
              "null"
            ],
            "enum": [
              "CANCEL_TAKER",
              "CANCEL_MAKER",
              "CANCEL_BOTH",
              "NONE",
              null
            ]
          }
        },
        "required": [
          "symbol",
          "side",
          "type",
          "quantity"
        ],
        "description": "`timeInForce` defaults to GTC (IOC for MARKET), `selfTradePrevention` to CANCEL_TAKER, `reduceOnly` to false.",
        "examples": [
          {
            "symbol": "BTCUSDT",
            "side": "BUY",
            "type": "LIMIT",
            "quantity": "0.010",
            "price": "64000.0"
          }
        ]
      },
      "BatchPlaceItem": {
        "type": "object",
        "properties": {
          "symbol": {
            "type": "string"
          },
          "side": {
            "type": "string"
          },
          "type": {
            "type": "string"
          },
          "quantity": {
            "type": "string"
          },
          "price": {
            "type": [
              "string",
              "null"
            ]
          },
          "timeInForce": {
            "type": [
              "string",
              "null"
            ]
          },
          "reduceOnly": {
            "type": [
              "boolean",
              "null"
            ]
          },
          "clientOrderId": {
            "type": [
              "string",
              "null"
            ]
          },
          "selfTradePrevention": {
            "type": [
              "string",
              "null"
            ]
          }
        },
        "required": [
          "symbol",
          "side",
          "type",
          "quantity"
        ],
        "description": "A `PlaceOrderRequest`. Types and values are checked per item: an item that does not fit answers 12001 in its place, naming the field as `orders[i].field`."
      },
      "PlaceConditionRequest": {
        "type": "object",
        "properties": {
          "symbol": {
            "$ref": "#/components/schemas/SymbolName"
          },
          "side": {
            "type": "string",
            "enum": [
              "BUY",
              "SELL"
            ]
          },
          "type": {
            "type": "string",
            "enum": [
              "STOP_MARKET",
              "STOP_LIMIT",
              "TAKE_PROFIT_MARKET",
              "TAKE_PROFIT_LIMIT",
              "TRAILING_STOP_MARKET"
            ]
          },
          "triggerPrice": {
            "$ref": "#/components/schemas/NullableDecimalInput",
            "description": "Required except for trailing stops."
          },
          "triggerPriceType": {
            "type": [
              "string",
              "null"
            ],
            "enum": [
              "LAST",
              "MARK",
              "INDEX",
              null
            ]
          },
          "price": {
            "$ref": "#/components/schemas/NullableDecimalInput",
            "description": "Only for STOP_LIMIT and TAKE_PROFIT_LIMIT (required there)."
          },
          "quantity": {
            "$ref": "#/components/schemas/NullableDecimalInput"
          },
          "closePosition": {
            "type": [
              "boolean",
              "null"
            ]
          },
          "reduceOnly": {
            "type": [
              "boolean",
              "null"
            ]
          },
          "clientOrderId": {
            "type": [
              "string",
              "null"
            ],
            "pattern": "^[A-Za-z0-9_:.\\-]{1,36}$"
          },
          "callbackRate": {
            "$ref": "#/components/schemas/NullableDecimalInput",
            "description": "0.001 to 0.1; trailing stops only (required there)."
          },
          "activationPrice": {
            "$ref": "#/components/schemas/NullableDecimalInput",
            "description": "Trailing stops only."
          },
          "timeInForce": {
            "type": [
              "string",
              "null"
            ],
            "enum": [
              "GTC",
              "IOC",
              "FOK",
              "POST_ONLY",
              null
            ]
          },
          "selfTradePrevention": {
            "type": [
              "string",
              "null"
            ],
            "enum": [
              "CANCEL_TAKER",
              "CANCEL_MAKER",
              "CANCEL_BOTH",
              "NONE",
              null
            ]
          }
        },
        "required": [
          "symbol",
          "side",
          "type"
        ],
        "examples": [
          {
            "symbol": "BTCUSDT",
            "side": "SELL",
            "type": "STOP_MARKET",
            "triggerPrice": "60000.0",
            "quantity": "0.010"
          }
        ]
      },
      "PlaceStrategyRequest": {
        "type": "object",
        "properties": {
          "type": {
            "type": "string",
            "enum": [
              "OTO",
              "OCO",
              "OTOCO"
            ]
          },
          "clientStrategyId": {
            "type": [
              "string",
              "null"
            ],
            "pattern": "^[A-Za-z0-9_:.\\-]{1,36}$"
          },
          "working": {
            "anyOf": [
              {
                "$ref": "#/components/schemas/StrategyLeg"
              },
              {
                "type": "null"
              }
            ]
          },
          "pending": {
            "anyOf": [
              {
                "$ref": "#/components/schemas/StrategyLeg"
              },
              {
                "type": "array",
                "description": "OTOCO only: the take-profit and stop pair.",
                "minItems": 2,
                "maxItems": 2,
                "items": {
                  "$ref": "#/components/schemas/StrategyLeg"
                }
              },
              {
                "type": "null"
              }
            ]
          },
          "legs": {
            "type": [
              "array",
              "null"
            ],
            "items": {
              "$ref": "#/components/schemas/StrategyLeg"
            }
          }
        },
        "required": [
          "type"
        ]
      },
      "StrategyLeg": {
        "anyOf": [
          {
            "$ref": "#/components/schemas/PlaceOrderRequest"
          },
          {
            "$ref": "#/components/schemas/PlaceConditionRequest"
          }
        ],
        "description": "A condition order when `type` is a condition type, else a normal order."
      },
      "OrderReference": {
        "type": "object",
        "properties": {
          "symbol": {
            "$ref": "#/components/schemas/SymbolName"
          },
          "orderId": {
            "anyOf": [
              {
                "$ref": "#/components/schemas/IdInput"
              },
              {
                "type": "null"
              }
            ]
          },
          "clientOrderId": {
            "type": [
              "string",
              "null"
            ],
            "pattern": "^[A-Za-z0-9_:.\\-]{1,36}$"
          }
        },
        "required": [
          "symbol"
        ],
        "description": "`symbol` and exactly one of `orderId` and `clientOrderId`."
      },
      "MoveOrderRequest": {
        "type": "object",
        "properties": {
          "symbol": {
            "$ref": "#/components/schemas/SymbolName"
          },
          "orderId": {
            "anyOf": [
              {
                "$ref": "#/components/schemas/IdInput"
              },
              {
                "type": "null"
              }
            ]
          },
          "clientOrderId": {
            "type": [
              "string",
              "null"
            ],
            "pattern": "^[A-Za-z0-9_:.\\-]{1,36}$"
          },
          "price": {
            "$ref": "#/components/schemas/NullableDecimalInput"
          },
          "quantity": {
            "$ref": "#/components/schemas/NullableDecimalInput"
          }
        },
        "required": [
          "symbol"
        ],
        "description": "`symbol`, one of `orderId`/`clientOrderId`, and a new `price`, `quantity` or both."
      },
      "BatchMoveItem": {
        "type": "object",
        "properties": {
          "orderId": {
            "anyOf": [
              {
                "$ref": "#/components/schemas/IdInput"
              },
              {
                "type": "null"
              }
            ]
          },
          "clientOrderId": {
            "type": [
              "string",
              "null"
            ]
          },
          "price": {
            "type": [
              "string",
              "null"
            ]
          },
          "quantity": {
            "type": [
              "string",
              "null"
            ]
          },
          "symbol": {
            "type": [
              "string",
              "null"
            ],
            "description": "Ignored: the batch's symbol applies."
          }
        },
        "required": []
      },
      "Health": {
        "type": "object",
        "properties": {
          "status": {
            "const": "UP"
          }
        },
        "required": [
          "status"
        ]
      },
      "Ready": {
        "type": "object",
        "properties": {
          "status": {
            "const": "READY"
          },
          "engineSequence": {
            "type": "integer",
            "minimum": 0,
            "description": "The sequence number of the last command the engine applied."
          },
          "durableSequence": {
            "type": "integer",
            "minimum": 0,
            "description": "The last sequence number made durable in the journal."
          },
          "projectedSequence": {
            "type": "integer",
            "minimum": 0,
            "description": "The last sequence number the projector stored."
          },
          "projectorLag": {
            "type": "integer",
            "minimum": 0,
            "description": "durableSequence - projectedSequence."
          }
        },
        "required": [
          "status",
          "engineSequence",
          "durableSequence",
          "projectedSequence",
          "projectorLag"
        ]
      }
    },
    "responses": {
      "BadRequest1": {
        "description": "Error envelope: 12001 INVALID_PARAMETER.",
        "headers": {
          "X-Request-Id": {
            "$ref": "#/components/headers/X-Request-Id"
          },
          "X-RateLimit-Limit": {
            "$ref": "#/components/headers/X-RateLimit-Limit"
          },
          "X-RateLimit-Remaining": {
            "$ref": "#/components/headers/X-RateLimit-Remaining"
          },
          "X-RateLimit-Reset": {
            "$ref": "#/components/headers/X-RateLimit-Reset"
          }
        },
        "content": {
          "application/json": {
            "schema": {
              "allOf": [
                {
                  "$ref": "#/components/schemas/ErrorEnvelope"
                },
                {
                  "type": "object",
                  "properties": {
                    "code": {
                      "enum": [
                        12001
                      ]
                    }
                  }
                }
              ]
            }
          }
        }
      },
      "BadRequest2": {
        "description": "Error envelope: 12001 INVALID_PARAMETER, 13001 INSUFFICIENT_MARGIN, 13002 QTY_OUT_OF_RANGE, 13003 PRICE_NOT_ON_TICK, 13004 QTY_NOT_ON_STEP, 13005 NOTIONAL_BELOW_MIN, 13006 PRICE_OUT_OF_BAND, 13007 MAX_POSITION_EXCEEDED, 13009 POST_ONLY_WOULD_TAKE, 13010 REDUCE_ONLY_REJECTED, 13011 FOK_NOT_FILLED, 13012 WOULD_TRIGGER_IMMEDIATELY, 13016 TOO_MANY_OPEN_ORDERS.",
        "headers": {
          "X-Request-Id": {
            "$ref": "#/components/headers/X-Request-Id"
          },
          "X-RateLimit-Limit": {
            "$ref": "#/components/headers/X-RateLimit-Limit"
          },
          "X-RateLimit-Remaining": {
            "$ref": "#/components/headers/X-RateLimit-Remaining"
          },
          "X-RateLimit-Reset": {
            "$ref": "#/components/headers/X-RateLimit-Reset"
          }
        },
        "content": {
          "application/json": {
            "schema": {
              "allOf": [
                {
                  "$ref": "#/components/schemas/ErrorEnvelope"
                },
                {
                  "type": "object",
                  "properties": {
                    "code": {
                      "enum": [
                        12001,
                        13001,
                        13002,
                        13003,
                        13004,
                        13005,
                        13006,
                        13007,
                        13009,
                        13010,
                        13011,
                        13012,
                        13016
                      ]
                    }
                  }
                }
              ]
            }
          }
        }
      },
      "BadRequest3": {
        "description": "Error envelope: 12001 INVALID_PARAMETER, 12003 BATCH_TOO_LARGE.",
        "headers": {
          "X-Request-Id": {
            "$ref": "#/components/headers/X-Request-Id"
          },
          "X-RateLimit-Limit": {
            "$ref": "#/components/headers/X-RateLimit-Limit"
          },
          "X-RateLimit-Remaining": {
            "$ref": "#/components/headers/X-RateLimit-Remaining"
          },
          "X-RateLimit-Reset": {
            "$ref": "#/components/headers/X-RateLimit-Reset"
          }
        },
        "content": {
          "application/json": {
            "schema": {
              "allOf": [
                {
                  "$ref": "#/components/schemas/ErrorEnvelope"
                },
                {
                  "type": "object",
                  "properties": {
                    "code": {
                      "enum": [
                        12001,
                        12003
                      ]
                    }
                  }
                }
              ]
            }
          }
        }
      },
      "BadRequest4": {
        "description": "Error envelope: 12001 INVALID_PARAMETER, 13007 MAX_POSITION_EXCEEDED, 13008 LEVERAGE_OUT_OF_RANGE, 14003 WOULD_TRIGGER_LIQUIDATION.",
        "headers": {
          "X-Request-Id": {
            "$ref": "#/components/headers/X-Request-Id"
          },
          "X-RateLimit-Limit": {
            "$ref": "#/components/headers/X-RateLimit-Limit"
          },
          "X-RateLimit-Remaining": {
            "$ref": "#/components/headers/X-RateLimit-Remaining"
          },
          "X-RateLimit-Reset": {
            "$ref": "#/components/headers/X-RateLimit-Reset"
          }
        },
        "content": {
          "application/json": {
            "schema": {
              "allOf": [
                {
                  "$ref": "#/components/schemas/ErrorEnvelope"
                },
                {
                  "type": "object",
                  "properties": {
                    "code": {
                      "enum": [
                        12001,
                        13007,
                        13008,
                        14003
                      ]
                    }
                  }
                }
              ]
            }
          }
        }
      },
      "BadRequest5": {
        "description": "Error envelope: 12001 INVALID_PARAMETER.",
        "headers": {
          "X-Request-Id": {
            "$ref": "#/components/headers/X-Request-Id"
          }
        },
        "content": {
          "application/json": {
            "schema": {
              "allOf": [
                {
                  "$ref": "#/components/schemas/ErrorEnvelope"
                },
                {
                  "type": "object",
                  "properties": {
                    "code": {
                      "enum": [
                        12001
                      ]
                    }
                  }
                }
              ]
            }
          }
        }
      },
      "BadRequest6": {
        "description": "Error envelope: 12001 INVALID_PARAMETER, 13001 INSUFFICIENT_MARGIN.",
        "headers": {
          "X-Request-Id": {
            "$ref": "#/components/headers/X-Request-Id"
          }
        },
        "content": {
          "application/json": {
            "schema": {
              "allOf": [
                {
                  "$ref": "#/components/schemas/ErrorEnvelope"
                },
                {
                  "type": "object",
                  "properties": {
                    "code": {
                      "enum": [
                        12001,
                        13001
                      ]
                    }
                  }
                }
              ]
            }
          }
        }
      },
      "BadRequest7": {
        "description": "Error envelope: 12001 INVALID_PARAMETER, 13003 PRICE_NOT_ON_TICK, 13004 QTY_NOT_ON_STEP.",
        "headers": {
          "X-Request-Id": {
            "$ref": "#/components/headers/X-Request-Id"
          }
        },
        "content": {
          "application/json": {
            "schema": {
              "allOf": [
                {
                  "$ref": "#/components/schemas/ErrorEnvelope"
                },
                {
                  "type": "object",
                  "properties": {
                    "code": {
                      "enum": [
                        12001,
                        13003,
                        13004
                      ]
                    }
                  }
                }
              ]
            }
          }
        }
      },
      "BadRequest8": {
        "description": "Error envelope: 12001 INVALID_PARAMETER, 13003 PRICE_NOT_ON_TICK.",
        "headers": {
          "X-Request-Id": {
            "$ref": "#/components/headers/X-Request-Id"
          }
        },
        "content": {
          "application/json": {
            "schema": {
              "allOf": [
                {
                  "$ref": "#/components/schemas/ErrorEnvelope"
                },
                {
                  "type": "object",
                  "properties": {
                    "code": {
                      "enum": [
                        12001,
                        13003
                      ]
                    }
                  }
                }
              ]
            }
          }
        }
      },
      "Conflict1": {
        "description": "Error envelope: 13015 DUPLICATE_CLIENT_ORDER_ID, 14001 LIQUIDATION_IN_PROGRESS.",
        "headers": {
          "X-Request-Id": {
            "$ref": "#/components/headers/X-Request-Id"
          },
          "X-RateLimit-Limit": {
            "$ref": "#/components/headers/X-RateLimit-Limit"
          },
          "X-RateLimit-Remaining": {
            "$ref": "#/components/headers/X-RateLimit-Remaining"
          },
          "X-RateLimit-Reset": {
            "$ref": "#/components/headers/X-RateLimit-Reset"
          }
        },
        "content": {
          "application/json": {
            "schema": {
              "allOf": [
                {
                  "$ref": "#/components/schemas/ErrorEnvelope"
                },
                {
                  "type": "object",
                  "properties": {
                    "code": {
                      "enum": [
                        13015,
                        14001
                      ]
                    }
                  }
                }
              ]
            }
          }
        }
      },
      "Conflict2": {
        "description": "Error envelope: 13014 ORDER_ALREADY_FINAL (`data` is the final order or condition order, with its status), 14001 LIQUIDATION_IN_PROGRESS.",
        "headers": {
          "X-Request-Id": {
            "$ref": "#/components/headers/X-Request-Id"
          },
          "X-RateLimit-Limit": {
            "$ref": "#/components/headers/X-RateLimit-Limit"
          },
          "X-RateLimit-Remaining": {
            "$ref": "#/components/headers/X-RateLimit-Remaining"
          },
          "X-RateLimit-Reset": {
            "$ref": "#/components/headers/X-RateLimit-Reset"
          }
        },
        "content": {
          "application/json": {
            "schema": {
              "allOf": [
                {
                  "$ref": "#/components/schemas/ErrorEnvelope"
                },
                {
                  "type": "object",
                  "properties": {
                    "code": {
                      "enum": [
                        13014,
                        14001
                      ]
                    }
                  }
                }
              ]
            }
          }
        }
      },
      "Conflict3": {
        "description": "Error envelope: 13014 ORDER_ALREADY_FINAL (`data` is the final order, with its status), 13015 DUPLICATE_CLIENT_ORDER_ID, 14001 LIQUIDATION_IN_PROGRESS.",
        "headers": {
          "X-Request-Id": {
            "$ref": "#/components/headers/X-Request-Id"
          },
          "X-RateLimit-Limit": {
            "$ref": "#/components/headers/X-RateLimit-Limit"
          },
          "X-RateLimit-Remaining": {
            "$ref": "#/components/headers/X-RateLimit-Remaining"
          },
          "X-RateLimit-Reset": {
            "$ref": "#/components/headers/X-RateLimit-Reset"
          }
        },
        "content": {
          "application/json": {
            "schema": {
              "allOf": [
                {
                  "$ref": "#/components/schemas/ErrorEnvelope"
                },
                {
                  "type": "object",
                  "properties": {
                    "code": {
                      "enum": [
                        13014,
                        13015,
                        14001
                      ]
                    }
                  }
                }
              ]
            }
          }
        }
      },
      "Conflict4": {
        "description": "Error envelope: 13014 ORDER_ALREADY_FINAL (`data` is the final condition order, with its status).",
        "headers": {
          "X-Request-Id": {
            "$ref": "#/components/headers/X-Request-Id"
          },
          "X-RateLimit-Limit": {
            "$ref": "#/components/headers/X-RateLimit-Limit"
          },
          "X-RateLimit-Remaining": {
            "$ref": "#/components/headers/X-RateLimit-Remaining"
          },
          "X-RateLimit-Reset": {
            "$ref": "#/components/headers/X-RateLimit-Reset"
          }
        },
        "content": {
          "application/json": {
            "schema": {
              "allOf": [
                {
                  "$ref": "#/components/schemas/ErrorEnvelope"
                },
                {
                  "type": "object",
                  "properties": {
                    "code": {
                      "enum": [
                        13014
                      ]
                    }
                  }
                }
              ]
            }
          }
        }
      },
      "Conflict5": {
        "description": "Error envelope: 14001 LIQUIDATION_IN_PROGRESS, 14002 HAS_POSITION_OR_ORDERS.",
        "headers": {
          "X-Request-Id": {
            "$ref": "#/components/headers/X-Request-Id"
          },
          "X-RateLimit-Limit": {
            "$ref": "#/components/headers/X-RateLimit-Limit"
          },
          "X-RateLimit-Remaining": {
            "$ref": "#/components/headers/X-RateLimit-Remaining"
          },
          "X-RateLimit-Reset": {
            "$ref": "#/components/headers/X-RateLimit-Reset"
          }
        },
        "content": {
          "application/json": {
            "schema": {
              "allOf": [
                {
                  "$ref": "#/components/schemas/ErrorEnvelope"
                },
                {
                  "type": "object",
                  "properties": {
                    "code": {
                      "enum": [
                        14001,
                        14002
                      ]
                    }
                  }
                }
              ]
            }
          }
        }
      },
      "Forbidden1": {
        "description": "Error envelope: 10007 PERMISSION_DENIED.",
        "headers": {
          "X-Request-Id": {
            "$ref": "#/components/headers/X-Request-Id"
          },
          "X-RateLimit-Limit": {
            "$ref": "#/components/headers/X-RateLimit-Limit"
          },
          "X-RateLimit-Remaining": {
            "$ref": "#/components/headers/X-RateLimit-Remaining"
          },
          "X-RateLimit-Reset": {
            "$ref": "#/components/headers/X-RateLimit-Reset"
          }
        },
        "content": {
          "application/json": {
            "schema": {
              "allOf": [
                {
                  "$ref": "#/components/schemas/ErrorEnvelope"
                },
                {
                  "type": "object",
                  "properties": {
                    "code": {
                      "enum": [
                        10007
                      ]
                    }
                  }
                }
              ]
            }
          }
        }
      },
      "Forbidden2": {
        "description": "Error envelope: 10005 API_KEY_DISABLED, 10007 PERMISSION_DENIED, 10008 IP_NOT_ALLOWED.",
        "headers": {
          "X-Request-Id": {
            "$ref": "#/components/headers/X-Request-Id"
          },
          "X-RateLimit-Limit": {
            "$ref": "#/components/headers/X-RateLimit-Limit"
          },
          "X-RateLimit-Remaining": {
            "$ref": "#/components/headers/X-RateLimit-Remaining"
          },
          "X-RateLimit-Reset": {
            "$ref": "#/components/headers/X-RateLimit-Reset"
          }
        },
        "content": {
          "application/json": {
            "schema": {
              "allOf": [
                {
                  "$ref": "#/components/schemas/ErrorEnvelope"
                },
                {
                  "type": "object",
                  "properties": {
                    "code": {
                      "enum": [
                        10005,
                        10007,
                        10008
                      ]
                    }
                  }
                }
              ]
            }
          }
        }
      },
      "Forbidden3": {
        "description": "Error envelope: 10005 API_KEY_DISABLED, 10007 PERMISSION_DENIED, 10008 IP_NOT_ALLOWED, 10009 JWT_REQUIRED.",
        "headers": {
          "X-Request-Id": {
            "$ref": "#/components/headers/X-Request-Id"
          },
          "X-RateLimit-Limit": {
            "$ref": "#/components/headers/X-RateLimit-Limit"
          },
          "X-RateLimit-Remaining": {
            "$ref": "#/components/headers/X-RateLimit-Remaining"
          },
          "X-RateLimit-Reset": {
            "$ref": "#/components/headers/X-RateLimit-Reset"
          }
        },
        "content": {
          "application/json": {
            "schema": {
              "allOf": [
                {
                  "$ref": "#/components/schemas/ErrorEnvelope"
                },
                {
                  "type": "object",
                  "properties": {
                    "code": {
                      "enum": [
                        10005,
                        10007,
                        10008,
                        10009
                      ]
                    }
                  }
                }
              ]
            }
          }
        }
      },
      "Forbidden4": {
        "description": "Error envelope: 10007 PERMISSION_DENIED, 10009 JWT_REQUIRED.",
        "headers": {
          "X-Request-Id": {
            "$ref": "#/components/headers/X-Request-Id"
          },
          "X-RateLimit-Limit": {
            "$ref": "#/components/headers/X-RateLimit-Limit"
          },
          "X-RateLimit-Remaining": {
            "$ref": "#/components/headers/X-RateLimit-Remaining"
          },
          "X-RateLimit-Reset": {
            "$ref": "#/components/headers/X-RateLimit-Reset"
          }
        },
        "content": {
          "application/json": {
            "schema": {
              "allOf": [
                {
                  "$ref": "#/components/schemas/ErrorEnvelope"
                },
                {
                  "type": "object",
                  "properties": {
                    "code": {
                      "enum": [
                        10007,
                        10009
                      ]
                    }
                  }
                }
              ]
            }
          }
        }
      },
      "Forbidden5": {
        "description": "Error envelope: 10005 API_KEY_DISABLED, 10007 PERMISSION_DENIED, 10008 IP_NOT_ALLOWED, 13017 MARKET_NOT_TRADING, 13018 REDUCE_ONLY_MODE.",
        "headers": {
          "X-Request-Id": {
            "$ref": "#/components/headers/X-Request-Id"
          },
          "X-RateLimit-Limit": {
            "$ref": "#/components/headers/X-RateLimit-Limit"
          },
          "X-RateLimit-Remaining": {
            "$ref": "#/components/headers/X-RateLimit-Remaining"
          },
          "X-RateLimit-Reset": {
            "$ref": "#/components/headers/X-RateLimit-Reset"
          }
        },
        "content": {
          "application/json": {
            "schema": {
              "allOf": [
                {
                  "$ref": "#/components/schemas/ErrorEnvelope"
                },
                {
                  "type": "object",
                  "properties": {
                    "code": {
                      "enum": [
                        10005,
                        10007,
                        10008,
                        13017,
                        13018
                      ]
                    }
                  }
                }
              ]
            }
          }
        }
      },
      "InternalError1": {
        "description": "Error envelope: 90002 INTERNAL_ERROR.",
        "headers": {
          "X-Request-Id": {
            "$ref": "#/components/headers/X-Request-Id"
          },
          "X-RateLimit-Limit": {
            "$ref": "#/components/headers/X-RateLimit-Limit"
          },
          "X-RateLimit-Remaining": {
            "$ref": "#/components/headers/X-RateLimit-Remaining"
          },
          "X-RateLimit-Reset": {
            "$ref": "#/components/headers/X-RateLimit-Reset"
          }
        },
        "content": {
          "application/json": {
            "schema": {
              "allOf": [
                {
                  "$ref": "#/components/schemas/ErrorEnvelope"
                },
                {
                  "type": "object",
                  "properties": {
                    "code": {
                      "enum": [
                        90002
                      ]
                    }
                  }
                }
              ]
            }
          }
        }
      },
      "InternalError2": {
        "description": "Error envelope: 90002 INTERNAL_ERROR.",
        "headers": {
          "X-Request-Id": {
            "$ref": "#/components/headers/X-Request-Id"
          }
        },
        "content": {
          "application/json": {
            "schema": {
              "allOf": [
                {
                  "$ref": "#/components/schemas/ErrorEnvelope"
                },
                {
                  "type": "object",
                  "properties": {
                    "code": {
                      "enum": [
                        90002
                      ]
                    }
                  }
                }
              ]
            }
          }
        }
      },
      "NotFound1": {
        "description": "Error envelope: 12002 SYMBOL_NOT_FOUND.",
        "headers": {
          "X-Request-Id": {
            "$ref": "#/components/headers/X-Request-Id"
          },
          "X-RateLimit-Limit": {
            "$ref": "#/components/headers/X-RateLimit-Limit"
          },
          "X-RateLimit-Remaining": {
            "$ref": "#/components/headers/X-RateLimit-Remaining"
          },
          "X-RateLimit-Reset": {
            "$ref": "#/components/headers/X-RateLimit-Reset"
          }
        },
        "content": {
          "application/json": {
            "schema": {
              "allOf": [
                {
                  "$ref": "#/components/schemas/ErrorEnvelope"
                },
                {
                  "type": "object",
                  "properties": {
                    "code": {
                      "enum": [
                        12002
                      ]
                    }
                  }
                }
              ]
            }
          }
        }
      },
      "NotFound2": {
        "description": "Error envelope: 12004 NOT_FOUND.",
        "headers": {
          "X-Request-Id": {
            "$ref": "#/components/headers/X-Request-Id"
          },
          "X-RateLimit-Limit": {
            "$ref": "#/components/headers/X-RateLimit-Limit"
          },
          "X-RateLimit-Remaining": {
            "$ref": "#/components/headers/X-RateLimit-Remaining"
          },
          "X-RateLimit-Reset": {
            "$ref": "#/components/headers/X-RateLimit-Reset"
          }
        },
        "content": {
          "application/json": {
            "schema": {
              "allOf": [
                {
                  "$ref": "#/components/schemas/ErrorEnvelope"
                },
                {
                  "type": "object",
                  "properties": {
                    "code": {
                      "enum": [
                        12004
                      ]
                    }
                  }
                }
              ]
            }
          }
        }
      },
      "NotFound3": {
        "description": "Error envelope: 12002 SYMBOL_NOT_FOUND, 13013 ORDER_NOT_FOUND.",
        "headers": {
          "X-Request-Id": {
            "$ref": "#/components/headers/X-Request-Id"
          },
          "X-RateLimit-Limit": {
            "$ref": "#/components/headers/X-RateLimit-Limit"
          },
          "X-RateLimit-Remaining": {
            "$ref": "#/components/headers/X-RateLimit-Remaining"
          },
          "X-RateLimit-Reset": {
            "$ref": "#/components/headers/X-RateLimit-Reset"
          }
        },
        "content": {
          "application/json": {
            "schema": {
              "allOf": [
                {
                  "$ref": "#/components/schemas/ErrorEnvelope"
                },
                {
                  "type": "object",
                  "properties": {
                    "code": {
                      "enum": [
                        12002,
                        13013
                      ]
                    }
                  }
                }
              ]
            }
          }
        }
      },
      "NotFound4": {
        "description": "Error envelope: 13013 ORDER_NOT_FOUND.",
        "headers": {
          "X-Request-Id": {
            "$ref": "#/components/headers/X-Request-Id"
          },
          "X-RateLimit-Limit": {
            "$ref": "#/components/headers/X-RateLimit-Limit"
          },
          "X-RateLimit-Remaining": {
            "$ref": "#/components/headers/X-RateLimit-Remaining"
          },
          "X-RateLimit-Reset": {
            "$ref": "#/components/headers/X-RateLimit-Reset"
          }
        },
        "content": {
          "application/json": {
            "schema": {
              "allOf": [
                {
                  "$ref": "#/components/schemas/ErrorEnvelope"
                },
                {
                  "type": "object",
                  "properties": {
                    "code": {
                      "enum": [
                        13013
                      ]
                    }
                  }
                }
              ]
            }
          }
        }
      },
      "NotFound5": {
        "description": "Error envelope: 12004 NOT_FOUND.",
        "headers": {
          "X-Request-Id": {
            "$ref": "#/components/headers/X-Request-Id"
          }
        },
        "content": {
          "application/json": {
            "schema": {
              "allOf": [
                {
                  "$ref": "#/components/schemas/ErrorEnvelope"
                },
                {
                  "type": "object",
                  "properties": {
                    "code": {
                      "enum": [
                        12004
                      ]
                    }
                  }
                }
              ]
            }
          }
        }
      },
      "NotFound6": {
        "description": "Error envelope: 12002 SYMBOL_NOT_FOUND.",
        "headers": {
          "X-Request-Id": {
            "$ref": "#/components/headers/X-Request-Id"
          }
        },
        "content": {
          "application/json": {
            "schema": {
              "allOf": [
                {
                  "$ref": "#/components/schemas/ErrorEnvelope"
                },
                {
                  "type": "object",
                  "properties": {
                    "code": {
                      "enum": [
                        12002
                      ]
                    }
                  }
                }
              ]
            }
          }
        }
      },
      "TooManyRequests1": {
        "description": "Error envelope: 11001 RATE_LIMITED.",
        "headers": {
          "X-Request-Id": {
            "$ref": "#/components/headers/X-Request-Id"
          },
          "X-RateLimit-Limit": {
            "$ref": "#/components/headers/X-RateLimit-Limit"
          },
          "X-RateLimit-Remaining": {
            "$ref": "#/components/headers/X-RateLimit-Remaining"
          },
          "X-RateLimit-Reset": {
            "$ref": "#/components/headers/X-RateLimit-Reset"
          },
          "Retry-After": {
            "$ref": "#/components/headers/Retry-After"
          }
        },
        "content": {
          "application/json": {
            "schema": {
              "allOf": [
                {
                  "$ref": "#/components/schemas/ErrorEnvelope"
                },
                {
                  "type": "object",
                  "properties": {
                    "code": {
                      "enum": [
                        11001
                      ]
                    }
                  }
                }
              ]
            }
          }
        }
      },
      "UnauthorizedListenKey": {
        "description": "Error envelope: 10010 LISTEN_KEY_INVALID (no, unknown or expired listenKey).",
        "headers": {
          "X-Request-Id": {
            "$ref": "#/components/headers/X-Request-Id"
          },
          "X-RateLimit-Limit": {
            "$ref": "#/components/headers/X-RateLimit-Limit"
          },
          "X-RateLimit-Remaining": {
            "$ref": "#/components/headers/X-RateLimit-Remaining"
          },
          "X-RateLimit-Reset": {
            "$ref": "#/components/headers/X-RateLimit-Reset"
          }
        },
        "content": {
          "application/json": {
            "schema": {
              "allOf": [
                {
                  "$ref": "#/components/schemas/ErrorEnvelope"
                },
                {
                  "type": "object",
                  "properties": {
                    "code": {
                      "enum": [
                        10010
                      ]
                    }
                  }
                }
              ]
            }
          }
        }
      },
      "Unauthorized1": {
        "description": "Error envelope: 10003 AUTH_REQUIRED.",
        "headers": {
          "X-Request-Id": {
            "$ref": "#/components/headers/X-Request-Id"
          },
          "X-RateLimit-Limit": {
            "$ref": "#/components/headers/X-RateLimit-Limit"
          },
          "X-RateLimit-Remaining": {
            "$ref": "#/components/headers/X-RateLimit-Remaining"
          },
          "X-RateLimit-Reset": {
            "$ref": "#/components/headers/X-RateLimit-Reset"
          }
        },
        "content": {
          "application/json": {
            "schema": {
              "allOf": [
                {
                  "$ref": "#/components/schemas/ErrorEnvelope"
                },
                {
                  "type": "object",
                  "properties": {
                    "code": {
                      "enum": [
                        10003
                      ]
                    }
                  }
                }
              ]
            }
          }
        }
      },
      "Unauthorized2": {
        "description": "Error envelope: 10004 API_KEY_NOT_FOUND.",
        "headers": {
          "X-Request-Id": {
            "$ref": "#/components/headers/X-Request-Id"
          },
          "X-RateLimit-Limit": {
            "$ref": "#/components/headers/X-RateLimit-Limit"
          },
          "X-RateLimit-Remaining": {
            "$ref": "#/components/headers/X-RateLimit-Remaining"
          },
          "X-RateLimit-Reset": {
            "$ref": "#/components/headers/X-RateLimit-Reset"
          }
        },
        "content": {
          "application/json": {
            "schema": {
              "allOf": [
                {
                  "$ref": "#/components/schemas/ErrorEnvelope"
                },
                {
                  "type": "object",
                  "properties": {
                    "code": {
                      "enum": [
                        10004
                      ]
                    }
                  }
                }
              ]
            }
          }
        }
      },
      "Unauthorized3": {
        "description": "Error envelope: 10001 INVALID_SIGNATURE, 10002 TIMESTAMP_OUT_OF_WINDOW, 10003 AUTH_REQUIRED, 10004 API_KEY_NOT_FOUND, 10006 API_KEY_EXPIRED.",
        "headers": {
          "X-Request-Id": {
            "$ref": "#/components/headers/X-Request-Id"
          },
          "X-RateLimit-Limit": {
            "$ref": "#/components/headers/X-RateLimit-Limit"
          },
          "X-RateLimit-Remaining": {
            "$ref": "#/components/headers/X-RateLimit-Remaining"
          },
          "X-RateLimit-Reset": {
            "$ref": "#/components/headers/X-RateLimit-Reset"
          }
        },
        "content": {
          "application/json": {
            "schema": {
              "allOf": [
                {
                  "$ref": "#/components/schemas/ErrorEnvelope"
                },
                {
                  "type": "object",
                  "properties": {
                    "code": {
                      "enum": [
                        10001,
                        10002,
                        10003,
                        10004,
                        10006
                      ]
                    }
                  }
                }
              ]
            }
          }
        }
      },
      "Unauthorized4": {
        "description": "Error envelope: 10001 INVALID_SIGNATURE, 10002 TIMESTAMP_OUT_OF_WINDOW, 10003 AUTH_REQUIRED, 10004 API_KEY_NOT_FOUND, 10006 API_KEY_EXPIRED, 10010 LISTEN_KEY_INVALID.",
        "headers": {
          "X-Request-Id": {
            "$ref": "#/components/headers/X-Request-Id"
          },
          "X-RateLimit-Limit": {
            "$ref": "#/components/headers/X-RateLimit-Limit"
          },
          "X-RateLimit-Remaining": {
            "$ref": "#/components/headers/X-RateLimit-Remaining"
          },
          "X-RateLimit-Reset": {
            "$ref": "#/components/headers/X-RateLimit-Reset"
          }
        },
        "content": {
          "application/json": {
            "schema": {
              "allOf": [
                {
                  "$ref": "#/components/schemas/ErrorEnvelope"
                },
                {
                  "type": "object",
                  "properties": {
                    "code": {
                      "enum": [
                        10001,
                        10002,
                        10003,
                        10004,
                        10006,
                        10010
                      ]
                    }
                  }
                }
              ]
            }
          }
        }
      },
      "Unauthorized5": {
        "description": "Error envelope: 10003 AUTH_REQUIRED.",
        "headers": {
          "X-Request-Id": {
            "$ref": "#/components/headers/X-Request-Id"
          }
        },
        "content": {
          "application/json": {
            "schema": {
              "allOf": [
                {
                  "$ref": "#/components/schemas/ErrorEnvelope"
                },
                {
                  "type": "object",
                  "properties": {
                    "code": {
                      "enum": [
                        10003
                      ]
                    }
                  }
                }
              ]
            }
          }
        }
      },
      "Unavailable1": {
        "description": "Error envelope: 90001 SERVICE_UNAVAILABLE.",
        "headers": {
          "X-Request-Id": {
            "$ref": "#/components/headers/X-Request-Id"
          },
          "X-RateLimit-Limit": {
            "$ref": "#/components/headers/X-RateLimit-Limit"
          },
          "X-RateLimit-Remaining": {
            "$ref": "#/components/headers/X-RateLimit-Remaining"
          },
          "X-RateLimit-Reset": {
            "$ref": "#/components/headers/X-RateLimit-Reset"
          }
        },
        "content": {
          "application/json": {
            "schema": {
              "allOf": [
                {
                  "$ref": "#/components/schemas/ErrorEnvelope"
                },
                {
                  "type": "object",
                  "properties": {
                    "code": {
                      "enum": [
                        90001
                      ]
                    }
                  }
                }
              ]
            }
          }
        }
      },
      "Unavailable2": {
        "description": "Error envelope: 90001 SERVICE_UNAVAILABLE.",
        "headers": {
          "X-Request-Id": {
            "$ref": "#/components/headers/X-Request-Id"
          }
        },
        "content": {
          "application/json": {
            "schema": {
              "allOf": [
                {
                  "$ref": "#/components/schemas/ErrorEnvelope"
                },
                {
                  "type": "object",
                  "properties": {
                    "code": {
                      "enum": [
                        90001
                      ]
                    }
                  }
                }
              ]
            }
          }
        }
      }
    },
    "parameters": {
      "symbolRequired": {
        "name": "symbol",
        "in": "query",
        "required": true,
        "schema": {
          "type": "string",
          "minLength": 1,
          "examples": [
            "BTCUSDT"
          ]
        },
        "description": "A listed symbol; 12002 (with a suggestion such as BTCUSDT for btc/usdt) otherwise."
      },
      "limit": {
        "name": "limit",
        "in": "query",
        "required": false,
        "schema": {
          "type": "integer",
          "minimum": 1,
          "maximum": 500,
          "default": 100
        }
      },
      "startTime": {
        "name": "startTime",
        "in": "query",
        "required": false,
        "schema": {
          "type": "integer",
          "minimum": 0,
          "format": "int64"
        },
        "description": "Inclusive, ms; after `endTime` answers 12001."
      },
      "endTime": {
        "name": "endTime",
        "in": "query",
        "required": false,
        "schema": {
          "type": "integer",
          "minimum": 0,
          "format": "int64"
        },
        "description": "Inclusive, ms."
      },
      "cursor": {
        "name": "cursor",
        "in": "query",
        "required": false,
        "schema": {
          "type": "string"
        },
        "description": "`nextCursor` of the previous page; a cursor from elsewhere answers 12001. Stable under concurrent inserts."
      }
    },
    "headers": {
      "X-Request-Id": {
        "required": true,
        "description": "The client's `X-Request-Id` (1 to 128 characters) echoed, or one the server made; logs carry it.",
        "schema": {
          "type": "string",
          "minLength": 1
        }
      },
      "X-RateLimit-Limit": {
        "description": "Capacity of the bucket this request was charged to (the last one charged). Sent once the request reached the rate limiter.",
        "schema": {
          "type": "string",
          "pattern": "^[0-9]+$"
        }
      },
      "X-RateLimit-Remaining": {
        "description": "What is left in that bucket.",
        "schema": {
          "type": "string",
          "pattern": "^[0-9]+$"
        }
      },
      "X-RateLimit-Reset": {
        "description": "Seconds until that bucket is full again.",
        "schema": {
          "type": "string",
          "pattern": "^[0-9]+$"
        }
      },
      "Retry-After": {
        "required": true,
        "description": "Seconds to wait before retrying.",
        "schema": {
          "type": "string",
          "pattern": "^[0-9]+$"
        }
      }
    },
    "securitySchemes": {
      "bearerAuth": {
        "type": "http",
        "scheme": "bearer",
        "bearerFormat": "JWT",
        "description": "An access token from login, refresh or agent sign-on (API.md §2.1, §2.3). Agent and embedded sessions carry only their granted permissions."
      },
      "apiKey": {
        "type": "apiKey",
        "in": "header",
        "name": "X-API-KEY",
        "description": "API-key signing (API.md §2.2), used together with X-API-TIMESTAMP, X-API-SIGNATURE and optionally X-API-RECV-WINDOW."
      },
      "apiTimestamp": {
        "type": "apiKey",
        "in": "header",
        "name": "X-API-TIMESTAMP",
        "description": "The request time in ms. Accepted when serverTime − recvWindow <= timestamp < serverTime + 1000 (wall clock, `serverTime` of /v1/time); else 10002 with `data.serverTime`."
      },
      "apiSignature": {
        "type": "apiKey",
        "in": "header",
        "name": "X-API-SIGNATURE",
        "description": "Hex HMAC-SHA256 with the key's secret of timestamp + apiKey + recvWindow + METHOD + path + (\"?\" + rawQuery when there is one) + rawBody, over the exact bytes sent; `recvWindow` is the header's value or 5000 when absent. Either case is accepted."
      },
      "apiRecvWindow": {
        "type": "apiKey",
        "in": "header",
        "name": "X-API-RECV-WINDOW",
        "description": "Optional, default 5000, 1 to 60000 ms (12001 otherwise)."
      },
      "operatorAuth": {
        "type": "http",
        "scheme": "bearer",
        "description": "The operator token (`PERPETUA_ADMIN_TOKEN`, or generated into the data directory) for `/v1/admin/*` (API.md §8)."
      }
    }
  }
}
"""#
}
