package org.alphatree.blocks.registry;

import ai.djl.Model;
import ai.djl.nn.Block;
import ai.djl.nn.BlockFactory;
import java.nio.file.Path;
import java.util.Map;

/**
 * A DJL {@link BlockFactory} that builds any registered network by name, so DJL's {@code Criteria}
 * and DJL Serving can load AlphaTree models: pass {@code optArgument("blockFactory",
 * "org.alphatree.blocks.registry.RegistryBlockFactory")}, {@code optArgument("model", "resnet50")}
 * and optionally {@code optArgument("numClasses", 10)} (default: the reference's; 0: headless). The
 * parameters then load from the model directory as usual.
 */
public class RegistryBlockFactory implements BlockFactory {

    private static final long serialVersionUID = 1L;

    /** Creates the factory (DJL instantiates it by class name). */
    public RegistryBlockFactory() {}

    /**
     * {@inheritDoc}
     *
     * @throws IllegalArgumentException if the {@code model} argument is missing or unknown, or
     *     {@code numClasses} is not a non-negative integer
     */
    @Override
    public Block newBlock(Model model, Path modelPath, Map<String, ?> arguments) {
        Object name = arguments == null ? null : arguments.get("model");
        if (name == null) {
            throw new IllegalArgumentException(
                    "RegistryBlockFactory needs the argument 'model' (a registry name such as"
                            + " resnet50)");
        }
        ModelInfo info = ModelRegistry.get(name.toString());
        Object n = arguments.get("numClasses");
        if (n == null) {
            return info.build();
        }
        int numClasses;
        try {
            numClasses =
                    n instanceof Number num
                            ? Math.toIntExact(num.longValue())
                            : Integer.parseInt(n.toString().trim());
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException(
                    "RegistryBlockFactory: numClasses must be an integer >= 0, got '" + n + "'", e);
        }
        return info.build(numClasses);
    }
}
