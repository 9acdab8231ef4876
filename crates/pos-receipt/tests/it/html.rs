//! The HTML rendering escapes what it is given.

use pos_receipt::html;

use crate::fixtures::sale_doc;

#[test]
fn item_names_and_store_text_are_escaped() {
    let mut doc = sale_doc();
    doc.lines[0].name = "<script>alert('x')</script>".to_owned();
    doc.header.organization = "Fish & \"Chips\"".to_owned();
    doc.footer = vec!["<img src=x onerror=alert(1)>".to_owned()];
    let page = html(&doc);
    assert!(!page.contains("<script>"), "{page}");
    assert!(!page.contains("<img"), "{page}");
    assert!(page.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"));
    assert!(page.contains("<h1>Fish &amp; &quot;Chips&quot;</h1>"));
}

#[test]
fn the_barcode_is_drawn_and_written() {
    let page = html(&sale_doc());
    assert!(page.contains("aria-label=\"T01-000123\""));
    assert!(page.contains("<p>T01-000123</p>"));
    // Start B, ten data characters, the checksum and stop: 1 + 10 + 1 = 12 symbols of
    // three bars each, and stop's four.
    let bars = page.matches("<rect x=").count();
    assert_eq!(bars, 12 * 3 + 4);
}
