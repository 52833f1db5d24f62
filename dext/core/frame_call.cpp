#include "frame_call.h"

namespace hil {

void args_from_frame(const Frame& f, MethodArgs& a) {
  a.selector = f.selector;
  a.has_completion = f.kind == FrameKind::CallAsync;
  a.completion_ref = f.ref;
  a.scalar_in = f.scalars;
  a.scalar_in_count = f.n_scalars;
  a.struct_in = f.data;
  a.struct_in_len = f.data_len;
}

IoRet call_from_frame(UserClient& uc, const Frame& f, MethodArgs& a) {
  args_from_frame(f, a);
  return uc.external_method(a);
}

}  // namespace hil
