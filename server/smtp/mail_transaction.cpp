// The mail transaction (RFC 5321 section 3.3): MAIL, RCPT, then the content by
// DATA (dot-stuffed text) or BDAT (counted binary chunks, RFC 3030), then the
// handler's verdict and the store. Refusals here are values from the handler.
#include <algorithm>
#include <string>

#include "smtp/session_impl.hpp"

namespace exomock::smtp {

namespace {

// RFC 6531 sections 3.4 and 3.5: a non-ASCII mailbox needs MAIL's SMTPUTF8 parameter.
bool is_ascii(std::string_view path) {
  return std::all_of(path.begin(), path.end(),
                     [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

std::string data_note(std::uint64_t octets) {
  return "<" + std::to_string(octets) + " octets of message data>";
}

}  // namespace

void session::impl::on_mail(std::string_view argument) {
  mail_command m;
  if (auto failure = parse_mail(argument, m)) {
    refuse(failure->error, failure->detail);
    return;
  }
  if (!m.parameters.smtputf8 && !is_ascii(m.reverse_path)) {
    refuse(protocol_error::non_ascii_address, "MAIL");
    return;
  }
  // RFC 1870 section 6: a declared size above the fixed maximum is refused at MAIL.
  if (m.parameters.size && *m.parameters.size > config.max_message_size) {
    refuse(protocol_error::size_exceeds_fixed_maximum, "");
    return;
  }
  envelope e;
  e.reverse_path = std::move(m.reverse_path);
  e.mail = std::move(m.parameters);
  reply r = filtered(filter_phase::mail_from, handler.mail(e, facts), &e);
  if (r.positive()) {
    tx = std::move(e);
    stage = phase::mail;
  }
  send(std::move(r));
}

void session::impl::on_rcpt(std::string_view argument) {
  recipient rc;
  if (auto failure = parse_rcpt(argument, rc)) {
    refuse(failure->error, failure->detail);
    return;
  }
  if (!tx.mail.smtputf8 && !is_ascii(rc.forward_path)) {
    refuse(protocol_error::non_ascii_address, "RCPT");
    return;
  }
  reply r = filtered(filter_phase::rcpt_to, handler.rcpt(rc, tx, facts), &tx, &rc);
  if (r.positive()) {
    tx.recipients.push_back(std::move(rc));
    stage = phase::rcpt;
  }
  send(std::move(r));
}

void session::impl::on_data(std::string_view argument) {
  if (!trim(argument).empty()) {
    refuse(protocol_error::syntax_error, "DATA");  // DATA takes no argument (section 4.1.1.4)
    return;
  }
  if (tx.mail.body == "BINARYMIME") {
    refuse(protocol_error::binarymime_requires_bdat, "");  // RFC 3030 section 3
    return;
  }
  if (prompt(reply_kind::data_start, filter_phase::data)) {
    reading = mode::data;
    text.reset();
    start_content();
  }
}

void session::impl::on_bdat(std::string_view argument, std::optional<protocol_error> refusal) {
  std::optional<bdat_command> b = parse_bdat(argument);
  if (!b) {
    // Without a valid size the chunk cannot be skipped: the line is all we refuse.
    refuse(refusal.value_or(protocol_error::syntax_error), "BDAT");
    return;
  }
  if (!refusal && stage == phase::rcpt) {
    start_content();  // first chunk of this message
  }
  chunk = {b->size, b->size, b->last, refusal};
  if (b->size == 0) {
    end_of_chunk();  // "BDAT 0 LAST" ends a message with no further octets
    return;
  }
  reading = mode::chunk;
}

void session::impl::start_content() {
  const message_allowance a = handler.allowance(tx, facts);
  content.start(a.max_size, a.keep_prefix);
}

session::impl::step_result session::impl::read_data(std::string_view in) {
  bool done = false;
  std::size_t used = text.feed(in, content, done);
  if (done) {
    reading = mode::command;
    log.note(data_note(content.total()));
    finish_message(false, text.long_line());
  }
  return {used, done};
}

session::impl::step_result session::impl::read_chunk(std::string_view in) {
  // Chunk octets are binary: no line ends, no dots, no limits but the size (RFC 3030 section 2).
  auto n = static_cast<std::size_t>(std::min<std::uint64_t>(chunk.remaining, in.size()));
  if (!chunk.refusal) {
    content.append(in.substr(0, n));
  }
  chunk.remaining -= n;
  if (chunk.remaining == 0) {
    end_of_chunk();
  }
  return {n, chunk.remaining == 0};
}

void session::impl::end_of_chunk() {
  reading = mode::command;
  log.note(data_note(chunk.size));
  if (chunk.refusal) {
    refuse(*chunk.refusal, "BDAT");
    return;
  }
  stage = phase::bdat;
  if (content.overflow()) {
    // Refused at the chunk that crosses the maximum, so nothing more is buffered;
    // the transaction ends and later chunks meet need_mail (and are skipped).
    refuse(protocol_error::message_too_big, "");
    reset_transaction();
    return;
  }
  if (!chunk.last) {
    send_fixed(reply_kind::bdat_chunk_accepted, filter_phase::bdat_chunk, &tx);
    return;
  }
  finish_message(true, false);
}

void session::impl::finish_message(bool bdat, bool long_line) {
  if (content.overflow()) {
    refuse(protocol_error::message_too_big, "");
    reset_transaction();
    return;
  }
  if (long_line) {
    refuse(protocol_error::text_line_too_long, "");  // RFC 5321 section 4.5.3.1.6
    reset_transaction();
    return;
  }
  message_content m;
  const std::uint64_t received = content.total();
  m.bytes = content.take();
  m.dropped = received - m.bytes.size();
  m.bdat = bdat;
  message_verdict v = handler.message(m, tx, facts);
  if (m.dropped > 0 && v.accept) {
    // The handler's allowance said it could not accept this much: what it kept is
    // not the message, so it is not stored.
    refuse(protocol_error::message_too_big, "");
    reset_transaction();
    return;
  }
  // The filter sees the final reply before the store: a refusal it makes keeps the
  // message out of the store, as any refusal at end of data does.
  reply answer = filtered(filter_phase::commit, std::move(v.answer), &tx);
  if (!v.accept || !answer.positive()) {
    send(std::move(answer));
    reset_transaction();
    return;
  }
  // Nothing is acknowledged before the store has the message durably: the input
  // loop stops here until message_stored().
  out.emplace_back(store_message{tx, std::move(m.bytes), bdat, std::move(v.message_id), facts});
  pending = std::move(answer);
  waiting_store = true;
}

void session::impl::after_store(bool ok) {
  if (ok) {
    ++facts.messages_accepted;
    send(std::move(pending));
  } else {
    refuse(protocol_error::storage_failed, "");
  }
  pending = {};
  reset_transaction();
}

}  // namespace exomock::smtp
