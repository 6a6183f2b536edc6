/// Names one committed state of a whole database: two equal stamps read at two moments mean that
/// nothing at all was committed in between, by this process or any other. An answer computed from
/// the database after reading a stamp may be reused for as long as the stamp stays the same; that is
/// what lets the busiest read (a masked lookup of a pupil by number) skip the database while being
/// exactly as fresh as a query (docs/architecture.md "The pupil registry").
public struct ChangeStamp: Hashable, Sendable {
    // Plain words rather than an array: reading a stamp happens on every lookup and allocates nothing.
    let w0, w1, w2, w3, w4, w5: UInt64
}
