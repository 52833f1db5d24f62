#include "frame_call.h"

namespace hil {

IoRet call_from_frame(UserClient& uc, const Frame& f, MethodArgs& a) {
  a.selector = f.selector;
  a.has_completion = f.kind == FrameKind::CallAsync;
  a.completion_ref = f.ref;
  a.scalar_in = f.scalars;
  a.scalar_in_count = f.n_scalars;
  a.struct_in = f.data;
  a.struct_in_len = f.data_len;
  return uc.external_method(a);
}

}  // namespace hil
