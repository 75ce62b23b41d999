import PerpetuaCore

/// One item of a batch request, decoded on its own: the item, or the 12001 naming the field
/// that failed by its whole path (`orders[3].side`, as the per-item checks after decoding
/// name theirs). API.md §3 gives a batch one result per item, so an item of the wrong shape
/// fails alone and the valid items around it still go through, in order; only the batch's
/// own shape (not an object, its array missing or not an array, too many items) fails the
/// whole request.
struct BatchItemBody<Item: Decodable & Sendable>: Decodable, Sendable {
    let item: Result<Item, APIError>

    init(from decoder: any Decoder) throws {
        do {
            item = .success(try Item(from: decoder))
        } catch let error as APIError {
            item = .failure(error)
        } catch let error as PerpetuaError {
            item = .failure(APIError(error))
        } catch let error as DecodingError {
            item = .failure(APIError(APIRequest.describe(error)))
        }
    }
}
