package org.alphatree.blocks.runtime;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.ParameterStore;

/**
 * Stores an NCHW input "channels last" (NHWC in memory, still NCHW to every API), the layout
 * libtorch's oneDNN convolutions run fastest on CPU; convolutions, batch norms, ReLUs, residual
 * adds and pools keep it, so converting a network's input is enough. Values are unchanged; a
 * network's outputs agree with the NCHW run to float rounding (the convolution algorithm differs).
 * Measured here: resnet50 batch 8 at 224² took 270–290 ms instead of 310–330 ms.
 *
 * <p>DJL 0.36 has no memory-format call, so the conversion runs a tiny TorchScript module shipped
 * as a resource ({@code tools/fixtures/channels_last.py}); it needs the PyTorch engine. Only the
 * input is converted (DJL cannot replace an initialized parameter's array, so weights stay NCHW and
 * libtorch reorders them per call).
 */
public final class ChannelsLast {

    private static final TorchScriptResource.Lazy MODULE =
            new TorchScriptResource.Lazy(ChannelsLast.class, "channels_last");

    private ChannelsLast() {}

    /**
     * Returns {@code x} stored channels last, attached to {@code x}'s manager; arrays that are not
     * 4-D are returned as they are.
     *
     * @param x an (N, C, H, W) array
     * @return the same values, channels last
     * @throws UnsupportedOperationException if the engine is not PyTorch
     */
    public static NDArray of(NDArray x) {
        if (x.getShape().dimension() != 4) {
            return x;
        }
        // training=true: DJL runs an inference-mode forward under torch's InferenceMode, whose
        // "inference tensors" a later training step cannot save for backward; the module has no
        // parameters, so the flag changes nothing else (and records no graph with grad mode off)
        return module().getBlock()
                .forward(new ParameterStore(x.getManager(), false), new NDList(x), true)
                .head();
    }

    private static Model module() {
        String engine = Engine.getInstance().getEngineName();
        if (!"PyTorch".equals(engine)) {
            throw new UnsupportedOperationException(
                    "channels-last storage needs the PyTorch engine, not " + engine);
        }
        return MODULE.get();
    }
}
