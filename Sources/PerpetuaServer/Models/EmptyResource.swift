/// `{}`: the `data` of an action that has nothing to report (logout, closing a listen key).
struct EmptyResource: Encodable, Sendable {}
