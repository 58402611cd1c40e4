package org.alphatree.blocks.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.util.List;
import org.alphatree.blocks.registry.ModelInfo;
import org.alphatree.blocks.registry.ModelRegistry;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * AlphaTree frees intermediate activations as soon as they are dead (as PyTorch does), instead of
 * leaving them attached to the caller's manager until it closes: after a forward pass the caller's
 * scope holds only its input and the outputs, and training still backpropagates.
 */
class ActivationLifetimeTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "resnet18",
                "resnet50",
                "seresnext50_32x4d",
                "densenet121",
                "googlenet",
                "inception_v3",
                "inception_v4",
                "inception_resnet_v2",
                "fid_inception_v3",
                "resnet50d",
                "resnetv2_50",
                "dpn68b",
                "alexnet_paper"
            })
    void onlyInputAndOutputsStayAttached(String name) {
        ModelInfo info = ModelRegistry.get(name);
        // Inception v3's auxiliary head (train mode) needs its 299x299 input
        int size = name.equals("inception_v3") ? 299 : Math.max(info.minInputSize(), 64);
        Shape shape = new Shape(2, 3, size, size);
        try (NDManager m = NDManager.newBaseManager()) {
            Block net = info.build();
            net.initialize(m, DataType.FLOAT32, shape);
            ParameterStore ps = new ParameterStore(m, false);
            for (boolean training : new boolean[] {false, true}) {
                try (NDManager scope = m.newSubManager()) {
                    NDArray x = scope.randomNormal(shape);
                    NDList out;
                    if (training) {
                        x.setRequiresGradient(true);
                        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                            out = net.forward(ps, new NDList(x), true);
                            try (NDArray loss = out.head().sum()) {
                                gc.backward(loss);
                            }
                        }
                    } else {
                        out = net.forward(ps, new NDList(x), false);
                    }
                    List<String> open =
                            scope.getManagedArrays().stream()
                                    // DJL's backward seeds the gradient with a scalar
                                    // ones array in the loss's manager: not an activation
                                    .filter(a -> a != x && !out.contains(a))
                                    .filter(a -> !(training && a.getShape().dimension() == 0))
                                    .map(a -> a.getShape().toString())
                                    .toList();
                    assertTrue(
                            open.isEmpty(),
                            name
                                    + (training ? " (train)" : " (eval)")
                                    + ": "
                                    + open.size()
                                    + " intermediate arrays left attached to the caller's"
                                    + " manager: "
                                    + open.subList(0, Math.min(8, open.size())));
                    assertEquals(2, out.head().getShape().get(0));
                    if (training) {
                        assertTrue(
                                x.getGradient().abs().sum().getFloat() > 0,
                                name + ": no gradient reached the input");
                    }
                }
            }
        }
    }
}
