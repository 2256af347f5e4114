struct vde_context {
  int (*on_event)(int event);
  void *user_data;
};
void init_vde_context(struct vde_context *ctx);
int vde_dispatch(int event);
