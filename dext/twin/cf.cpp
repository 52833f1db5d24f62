// CoreFoundation objects the twin makes: CFString, CFNumber and the mutable dictionaries
// IOServiceMatching returns (CFBase.h, CFString.h, CFNumber.h). Each has a retain count and the
// call that made it. A released object stays as a tombstone (never freed), so a second
// CFRelease is reported with its creator instead of touching freed memory as Apple's would.
#include <cstring>

#include "twin.h"

namespace twin {

// CFTypeIDs as macOS returns them; only their distinctness matters to callers.
constexpr int kStringType = 7, kNumberType = 22, kDictionaryType = 18;
constexpr uint32_t kMagic = 0x54574346;  // "TWCF"

struct CfObject {
  uint32_t magic = kMagic;
  int type = 0;
  int refs = 1;
  bool reported = false;
  std::string creator, str;
  int64_t number = 0;
  std::map<std::string, std::string> dict;
  std::string describe() const {
    switch (type) {
      case kStringType: return "CFString \"" + str + "\"";
      case kNumberType: return "CFNumber " + std::to_string(number);
      default: return "CFDictionary (" + std::to_string(dict.size()) + " key(s))";
    }
  }
};

namespace {
std::vector<CfObject*>& objects() {
  static auto* v = new std::vector<CfObject*>;
  return *v;
}

CfObject* make(int type, const char* call) {
  auto* o = new CfObject;
  o->type = type;
  o->creator = call;
  objects().push_back(o);
  return o;
}

CfObject* as_cf(const void* p) {
  auto* o = static_cast<CfObject*>(const_cast<void*>(p));
  return p != nullptr && o->magic == kMagic ? o : nullptr;
}

// Lowers the count; a count already 0 is an over-release naming the creator.
void release(const void* p, const char* call) {
  auto* o = as_cf(p);
  if (o == nullptr) {
    problem(std::string(call) + (p == nullptr ? "(NULL): Apple's crashes here" : " of an object the twin never made"));
  } else if (o->refs == 0) {
    problem("over-released " + o->describe() + ": " + call + " after its last reference; created by " + o->creator);
  } else {
    --o->refs;
  }
}
}  // namespace

CfObject* cf_string(const std::string& s, const char* call) {
  auto* o = make(kStringType, call);
  o->str = s;
  return o;
}

CfObject* cf_number(int64_t v, const char* call) {
  auto* o = make(kNumberType, call);
  o->number = v;
  return o;
}

CfObject* cf_dictionary(const char* call) { return make(kDictionaryType, call); }

bool cf_is(const void* p, int type_id) {
  auto* o = as_cf(p);
  return o != nullptr && o->refs > 0 && o->type == type_id;
}

const std::string* cf_string_value(const void* p) { return cf_is(p, kStringType) ? &as_cf(p)->str : nullptr; }

std::map<std::string, std::string>* cf_dictionary_value(const void* p) {
  return cf_is(p, kDictionaryType) ? &as_cf(p)->dict : nullptr;
}

void cf_consume(const void* p, const char* call) { release(p, call); }

void cf_audit(std::string& out) {
  for (auto* o : objects()) {
    if (o->refs > 0 && !o->reported) {
      o->reported = true;
      out += "leaked " + o->describe() + ": " + std::to_string(o->refs) + " reference(s) never released; created by " +
             o->creator + "\n";
    }
  }
}

}  // namespace twin

using twin::CfObject;

HIL_EXPORT void CFRelease(const void* cf) {
  std::lock_guard<std::mutex> g(twin::lock());
  twin::cf_consume(cf, "CFRelease");
}

HIL_EXPORT const void* CFRetain(const void* cf) {
  std::lock_guard<std::mutex> g(twin::lock());
  if (twin::CfObject* o = twin::cf_is(cf, twin::kStringType) || twin::cf_is(cf, twin::kNumberType) ||
                                  twin::cf_is(cf, twin::kDictionaryType)
                              ? static_cast<CfObject*>(const_cast<void*>(cf))
                              : nullptr) {
    ++o->refs;
  } else {
    twin::problem("CFRetain of a released or unknown object");
  }
  return cf;
}

HIL_EXPORT unsigned long CFGetTypeID(const void* cf) {
  std::lock_guard<std::mutex> g(twin::lock());
  auto* o = static_cast<const CfObject*>(cf);
  return cf != nullptr && o->magic == twin::kMagic ? static_cast<unsigned long>(o->type) : 0;
}

HIL_EXPORT unsigned long CFStringGetTypeID() { return twin::kStringType; }
HIL_EXPORT unsigned long CFNumberGetTypeID() { return twin::kNumberType; }
HIL_EXPORT unsigned long CFDictionaryGetTypeID() { return twin::kDictionaryType; }

// kCFStringEncodingUTF8 (0x08000100) and kCFStringEncodingASCII (0x0600) are what the harness uses.
HIL_EXPORT const void* CFStringCreateWithCString(const void* allocator, const char* cstr, uint32_t encoding) {
  if (cstr == nullptr || (encoding != 0x08000100u && encoding != 0x0600u)) return nullptr;
  std::lock_guard<std::mutex> g(twin::lock());
  return twin::cf_string(cstr, "CFStringCreateWithCString");
}

HIL_EXPORT bool CFStringGetCString(const void* str, char* buffer, long size, uint32_t encoding) {
  std::lock_guard<std::mutex> g(twin::lock());
  const std::string* s = twin::cf_string_value(str);
  if (s == nullptr || buffer == nullptr || size <= 0 || s->size() + 1 > static_cast<size_t>(size)) return false;
  std::memcpy(buffer, s->c_str(), s->size() + 1);
  return true;
}

// CFNumberType: kCFNumberSInt32Type 3, kCFNumberSInt64Type 4, kCFNumberLongLongType 11.
HIL_EXPORT bool CFNumberGetValue(const void* number, long type, void* value) {
  std::lock_guard<std::mutex> g(twin::lock());
  if (!twin::cf_is(number, twin::kNumberType) || value == nullptr) return false;
  const int64_t v = static_cast<const CfObject*>(number)->number;
  if (type == 4 || type == 11) {
    std::memcpy(value, &v, sizeof v);
    return true;
  }
  if (type == 3) {
    const auto narrow = static_cast<int32_t>(v);
    std::memcpy(value, &narrow, sizeof narrow);
    return narrow == v;  // CFNumberGetValue answers false for a lossy conversion
  }
  return false;
}
