//! Paging of list endpoints (`page`, `per_page`), the same for all lists.

/// Rows a page holds when the request does not say.
pub const DEFAULT_PER_PAGE: i64 = 20;
/// The most rows one page may hold.
pub const MAX_PER_PAGE: i64 = 200;

/// The requested page (from 1) and page size, bounded.
pub fn page_bounds(page: Option<i64>, per_page: Option<i64>) -> (i64, i64) {
    (page.unwrap_or(1).max(1), per_page.unwrap_or(DEFAULT_PER_PAGE).clamp(1, MAX_PER_PAGE))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bounds_default_and_clamp() {
        assert_eq!(page_bounds(None, None), (1, DEFAULT_PER_PAGE));
        assert_eq!(page_bounds(Some(0), Some(0)), (1, 1));
        assert_eq!(page_bounds(Some(3), Some(10_000)), (3, MAX_PER_PAGE));
    }
}
