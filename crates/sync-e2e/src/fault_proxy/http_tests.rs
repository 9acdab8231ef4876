use super::*;

const RESPONSE: Kind = Kind::Response { to_head: false };

async fn read_all(mut wire: &[u8], kind: Kind) -> Result<Vec<Message>, HttpError> {
    let mut reader = MessageReader::default();
    let mut messages = Vec::new();
    while let Some(message) = reader.next(&mut wire, kind).await? {
        messages.push(message);
    }
    Ok(messages)
}

fn bytes(messages: &[Message]) -> Vec<&[u8]> {
    messages.iter().map(|m| m.bytes.as_slice()).collect()
}

#[tokio::test]
async fn pipelined_requests_are_split_at_their_content_length() {
    let first = b"POST /a HTTP/1.1\r\nContent-Length: 5\r\n\r\nhello".as_slice();
    let second = b"GET /b HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".as_slice();
    let messages = read_all(&[first, second].concat(), Kind::Request)
        .await
        .unwrap();
    assert_eq!(bytes(&messages), [first, second]);
    assert!(!messages[0].closes);
    assert!(messages[1].closes);
}

#[tokio::test]
async fn a_chunked_response_ends_after_its_trailers() {
    let chunked = b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n\
        5;ext=1\r\nhello\r\n0\r\nX-Trailer: yes\r\n\r\n"
        .as_slice();
    let next = b"HTTP/1.1 204 No Content\r\n\r\n".as_slice();
    let messages = read_all(&[chunked, next].concat(), RESPONSE).await.unwrap();
    assert_eq!(bytes(&messages), [chunked, next]);
}

#[tokio::test]
async fn a_chunk_that_contains_the_terminator_text_does_not_end_the_body() {
    let chunked = b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n\
        5\r\n0\r\n\r\n\r\n0\r\n\r\n"
        .as_slice();
    let messages = read_all(chunked, RESPONSE).await.unwrap();
    assert_eq!(bytes(&messages), [chunked]);
}

#[tokio::test]
async fn a_response_without_length_runs_until_close() {
    let wire = b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\nall of this".as_slice();
    let messages = read_all(wire, RESPONSE).await.unwrap();
    assert_eq!(bytes(&messages), [wire]);
    assert!(messages[0].closes);
}

#[tokio::test]
async fn a_response_to_head_has_no_body_whatever_its_length_says() {
    let first = b"HTTP/1.1 200 OK\r\nContent-Length: 99\r\n\r\n".as_slice();
    let second = b"HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n".as_slice();
    let wire = [first, second].concat();
    let messages = read_all(&wire, Kind::Response { to_head: true })
        .await
        .unwrap();
    assert_eq!(bytes(&messages), [first, second]);
}

#[tokio::test]
async fn an_interim_response_travels_with_the_final_one() {
    let wire = b"HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok";
    let messages = read_all(wire, RESPONSE).await.unwrap();
    assert_eq!(bytes(&messages), [wire.as_slice()]);
}

#[tokio::test]
async fn http_1_0_closes_unless_kept_alive() {
    let wire = b"HTTP/1.0 200 OK\r\nContent-Length: 0\r\n\r\n\
        HTTP/1.0 200 OK\r\nConnection: Keep-Alive\r\nContent-Length: 0\r\n\r\n";
    let messages = read_all(wire, RESPONSE).await.unwrap();
    assert_eq!(
        messages.iter().map(|m| m.closes).collect::<Vec<_>>(),
        [true, false]
    );
}

#[tokio::test]
async fn a_message_cut_short_is_an_error_not_a_message() {
    let cut_body = b"HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nshort".as_slice();
    assert!(matches!(
        read_all(cut_body, RESPONSE).await,
        Err(HttpError::Truncated)
    ));
    let cut_head = b"POST /a HTTP/1.1\r\nContent-Le".as_slice();
    assert!(matches!(
        read_all(cut_head, Kind::Request).await,
        Err(HttpError::Truncated)
    ));
    let cut_chunks = b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhel".as_slice();
    assert!(matches!(
        read_all(cut_chunks, RESPONSE).await,
        Err(HttpError::Truncated)
    ));
}

#[tokio::test]
async fn garbage_is_refused() {
    let not_http = b"SSH-2.0-OpenSSH\r\n\r\n".as_slice();
    assert!(matches!(
        read_all(not_http, RESPONSE).await,
        Err(HttpError::Malformed(_))
    ));
    let conflicting = b"POST / HTTP/1.1\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab";
    assert!(matches!(
        read_all(conflicting, Kind::Request).await,
        Err(HttpError::Malformed(_))
    ));
    let endless = vec![b'a'; MAX_HEAD + 10];
    assert!(matches!(
        read_all(&endless, Kind::Request).await,
        Err(HttpError::HeadTooLarge)
    ));
}
