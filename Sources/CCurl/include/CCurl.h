#ifndef PPROF_LEAK_CCURL_H
#define PPROF_LEAK_CCURL_H

#include <curl/curl.h>

// curl_easy_setopt and curl_easy_getinfo are variadic, which Swift cannot call: one typed
// wrapper per kind of argument.

static inline CURLcode ccurl_setopt_long(CURL *handle, CURLoption option, long value) {
  return curl_easy_setopt(handle, option, value);
}

static inline CURLcode ccurl_setopt_off(CURL *handle, CURLoption option, curl_off_t value) {
  return curl_easy_setopt(handle, option, value);
}

static inline CURLcode ccurl_setopt_pointer(CURL *handle, CURLoption option, void *value) {
  return curl_easy_setopt(handle, option, value);
}

static inline CURLcode ccurl_setopt_string(CURL *handle, CURLoption option, const char *value) {
  return curl_easy_setopt(handle, option, value);
}

typedef size_t (*ccurl_data_callback)(char *data, size_t size, size_t count, void *context);
typedef int (*ccurl_progress_callback)(void *context, curl_off_t download_total,
                                       curl_off_t downloaded, curl_off_t upload_total,
                                       curl_off_t uploaded);

static inline CURLcode ccurl_setopt_data_callback(CURL *handle, CURLoption option,
                                                  ccurl_data_callback callback) {
  return curl_easy_setopt(handle, option, callback);
}

static inline CURLcode ccurl_setopt_progress_callback(CURL *handle,
                                                      ccurl_progress_callback callback) {
  return curl_easy_setopt(handle, CURLOPT_XFERINFOFUNCTION, callback);
}

static inline CURLcode ccurl_getinfo_long(CURL *handle, CURLINFO info, long *value) {
  return curl_easy_getinfo(handle, info, value);
}

static inline CURLcode ccurl_getinfo_string(CURL *handle, CURLINFO info, char **value) {
  return curl_easy_getinfo(handle, info, value);
}

/// Only http and https, for the first request and any redirect.
static inline CURLcode ccurl_allow_http_only(CURL *handle) {
  return curl_easy_setopt(handle, CURLOPT_PROTOCOLS_STR, "http,https");
}

#endif
