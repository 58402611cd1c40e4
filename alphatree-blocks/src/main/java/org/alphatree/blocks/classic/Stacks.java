package org.alphatree.blocks.classic;

import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.initializer.ConstantInitializer;
import org.alphatree.blocks.core.Sequential;
import org.alphatree.blocks.layers.Activation;
import org.alphatree.blocks.layers.Dropout;
import org.alphatree.blocks.layers.Layers;

/** The pieces the classic networks' stacks are written in. */
final class Stacks {
    private Stacks() {}

    /**
     * AlexNet's and ZFNet's classifier MLP without its last layer: {@code Dropout, Linear(4096),
     * ReLU, Dropout, Linear(4096), ReLU} (torchvision's indices 0 to 5).
     */
    static Sequential dropoutFirstMlp(int width, float dropout, Layers.Init init, float bias) {
        return new Sequential()
                .add(new Dropout(dropout))
                .add(bias(Layers.init(Layers.linear(width, true), init), bias))
                .add(Activation.reluBlock())
                .add(new Dropout(dropout))
                .add(bias(Layers.init(Layers.linear(width, true), init), bias))
                .add(Activation.reluBlock());
    }

    /** Sets a layer's bias initialization to a constant (AlexNet's paper: 1 on some layers). */
    static <B extends Block> B bias(B layer, float value) {
        if (value != 0) {
            layer.setInitializer(new ConstantInitializer(value), Parameter.Type.BIAS);
        }
        return layer;
    }
}
