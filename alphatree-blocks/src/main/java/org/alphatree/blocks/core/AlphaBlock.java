package org.alphatree.blocks.core;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Base class of every composite AlphaTree block.
 *
 * <p>Children are registered under the names of the reference implementation's {@code state_dict}
 * keys ({@code conv1}, {@code layer1}, {@code 0}), so that a weight key is a path join: {@code
 * layer1.0.conv1.weight}. DJL stores children with a position prefix ({@code 01conv1}); {@link
 * #namedChildren()} gives the plain names.
 *
 * <p>Subclasses only write the forward pass, calling children through {@link #call}. Shape
 * inference and initialization are derived from that forward pass: a block is initialized by
 * running its forward once on zeros of the input shape, each child being initialized just before it
 * is first called with the shapes it actually receives. This keeps {@code getOutputShapes} and
 * {@code initializeChildBlocks} from ever disagreeing with {@code forward}.
 */
public abstract class AlphaBlock extends AbstractBlock implements Kind {

    private final Map<String, Block> named = new LinkedHashMap<>();
    private final Map<List<Shape>, Shape[]> shapeCache = new ConcurrentHashMap<>();
    private final Map<String, String> convNorms = new LinkedHashMap<>();
    private String kind;

    /** Creates an empty block. */
    protected AlphaBlock() {
        super((byte) 1);
    }

    /**
     * Registers a child under a reference name.
     *
     * @param name the reference name, e.g. {@code conv1} or {@code 0}
     * @param block the child
     * @param <B> the child's type
     * @return the child
     */
    protected final <B extends Block> B add(String name, B block) {
        if (named.containsKey(name)) {
            throw new IllegalArgumentException("Duplicate child name '" + name + "'");
        }
        addChildBlock(name, block);
        named.put(name, block);
        return block;
    }

    /**
     * Replaces a child, keeping its position, or appends it if there is no child of that name:
     * model surgery such as a new classifier (timm's {@code set_layer}). The new child is not
     * initialized; cached output shapes of this block are dropped.
     *
     * @param name the child's reference name
     * @param block the new child
     * @param <B> the child's type
     * @return the new child
     */
    public final <B extends Block> B replaceChild(String name, B block) {
        Block old = named.get(name);
        if (old == null) {
            return add(name, block);
        }
        int i = indexOf(old);
        String key = children.keyAt(i);
        children.remove(i);
        children.add(i, key, block);
        named.put(name, block);
        shapeCache.clear();
        return block;
    }

    /**
     * Removes a child (model surgery, e.g. dropping a classifier); cached output shapes of this
     * block are dropped.
     *
     * @param name the child's reference name
     * @return the removed child
     * @throws IllegalArgumentException if there is no such child
     */
    public final Block removeChild(String name) {
        Block old = child(name);
        children.remove(indexOf(old));
        named.remove(name);
        shapeCache.clear();
        return old;
    }

    private int indexOf(Block child) {
        for (int i = 0; i < children.size(); i++) {
            if (children.valueAt(i) == child) {
                return i;
            }
        }
        throw new IllegalStateException(kind() + ": child not registered with DJL");
    }

    /**
     * Declares that the norm child {@code norm} is applied directly to the output of the
     * convolution child {@code conv}, and that nothing else reads that output, so that inference
     * fusion ({@code layers.Fusion}) may fold the norm into the convolution: ResNet's {@code
     * conv1}/{@code bn1}. A {@link Sequential} declares its adjacent pairs itself.
     *
     * @param conv the convolution's name (or a sequence ending in one)
     * @param norm the norm's name
     */
    protected final void foldable(String conv, String norm) {
        convNorms.put(conv, norm);
    }

    /**
     * Returns the declared convolution/norm pairs ({@link #foldable}), convolution to norm.
     *
     * @return an unmodifiable map in declaration order
     */
    public Map<String, String> foldablePairs() {
        return Collections.unmodifiableMap(convNorms);
    }

    /**
     * Returns the children under their reference names, in registration order.
     *
     * @return an unmodifiable map from name to child
     */
    public Map<String, Block> namedChildren() {
        return Collections.unmodifiableMap(named);
    }

    /**
     * Returns a child by reference name.
     *
     * @param name the child's name
     * @return the child
     * @throws IllegalArgumentException if there is no such child
     */
    public Block child(String name) {
        Block b = named.get(name);
        if (b == null) {
            throw new IllegalArgumentException(
                    "No child '" + name + "' in " + kind() + "; children: " + named.keySet());
        }
        return b;
    }

    /**
     * Returns whether a child of this name exists.
     *
     * @param name the child's name
     * @return true if present
     */
    public boolean hasChild(String name) {
        return named.containsKey(name);
    }

    /**
     * A short human name of the block's kind, used in summaries, diagrams and error messages.
     *
     * @return the kind: what {@link #describeAs} set, by default the simple class name
     */
    @Override
    public String kind() {
        return kind != null ? kind : getClass().getSimpleName();
    }

    /**
     * Sets what {@link #kind()} returns, e.g. {@code Fire(16, 64 + 64)}.
     *
     * @param kind the description
     */
    protected final void describeAs(String kind) {
        this.kind = kind;
    }

    /**
     * The usual description of a unit: {@code Name(in -> out[, stride s][, extra...])}.
     *
     * @param name the unit's name
     * @param in input channels
     * @param out output channels
     * @param stride the stride (omitted when 1)
     * @param extras further items, appended in order
     * @return the description
     */
    protected static String unitKind(String name, int in, int out, int stride, String... extras) {
        StringBuilder sb =
                new StringBuilder(name).append('(').append(in).append(" -> ").append(out);
        if (stride > 1) {
            sb.append(", stride ").append(stride);
        }
        for (String e : extras) {
            sb.append(", ").append(e);
        }
        return sb.append(')').toString();
    }

    /**
     * Runs a named child on a list of arrays.
     *
     * @param name the child's name
     * @param ps the parameter store
     * @param inputs the child's inputs
     * @param training whether in training mode
     * @param params extra parameters, may be null
     * @return the child's outputs
     */
    protected final NDList call(
            String name,
            ParameterStore ps,
            NDList inputs,
            boolean training,
            PairList<String, Object> params) {
        return Forwarding.call(name, child(name), ps, inputs, training, params);
    }

    /**
     * Runs a named single-input, single-output child.
     *
     * @param name the child's name
     * @param ps the parameter store
     * @param x the input
     * @param training whether in training mode
     * @return the output
     */
    protected final NDArray call(String name, ParameterStore ps, NDArray x, boolean training) {
        return call(name, ps, new NDList(x), training, null).singletonOrThrow();
    }

    /**
     * Runs a descendant by its dotted path ({@code bn_blocks.2}): for blocks that use their
     * children's children directly, as PolyNet's poly modules run a shared convolution with the
     * BatchNorm of one order. The path appears as one segment in traces and error messages.
     *
     * @param path the descendant's path below this block
     * @param ps the parameter store
     * @param x the input
     * @param training training mode
     * @return the output
     */
    protected final NDArray callPath(String path, ParameterStore ps, NDArray x, boolean training) {
        return callPath(path, ps, new NDList(x), training).singletonOrThrow();
    }

    /**
     * Runs a descendant of several inputs by its dotted path ({@code blocks.0.0}: a module list's
     * entry), recorded under that path in traces.
     *
     * @param path the descendant's path below this block
     * @param ps the parameter store
     * @param inputs the inputs
     * @param training training mode
     * @return the outputs
     */
    protected final NDList callPath(
            String path, ParameterStore ps, NDList inputs, boolean training) {
        Block b = this;
        for (String part : path.split("\\.")) {
            b = ((AlphaBlock) b).child(part);
        }
        return Forwarding.call(path, b, ps, inputs, training, null);
    }

    /**
     * Calls a child on an intermediate array and closes that array afterwards, unless the child
     * returned it: activations are freed as soon as they are dead, as in PyTorch, instead of living
     * until the caller's manager closes (at batch 8 a ResNet bottleneck otherwise keeps about 200
     * MB alive and runs about 10 % slower). Closing a handle never breaks backpropagation: the
     * autograd graph holds its own references. Never pass the block's input or an array that is
     * still needed.
     *
     * @param name the child's name
     * @param ps the parameter store
     * @param intermediate an array only this call still needs
     * @param training training mode
     * @return the child's output
     */
    protected final NDArray consume(
            String name, ParameterStore ps, NDArray intermediate, boolean training) {
        NDArray y = call(name, ps, intermediate, training);
        if (y != intermediate) {
            intermediate.close();
        }
        return y;
    }

    /**
     * Runs a child on an intermediate this block owns and closes it, as {@link #consume}; in
     * inference, a child that can ({@link InPlaceCapable}, e.g. a ReLU) writes its output into the
     * intermediate's memory, as torchvision's {@code inplace=True}. Call it only on an array that
     * no one else holds and that is not a view of a live array: a convolution's or a norm's output,
     * never the block's input.
     *
     * @param name the child's name
     * @param ps the parameter store
     * @param owned this block's own fresh intermediate
     * @param training training mode (in training the child runs as usual)
     * @return the child's output
     */
    protected final NDArray consumeOwned(
            String name, ParameterStore ps, NDArray owned, boolean training) {
        if (!training && child(name) instanceof InPlaceCapable c && !Forwarding.passActive()) {
            NDArray y = c.forwardOwned(owned);
            if (y != owned) {
                owned.close();
            }
            return y;
        }
        return consume(name, ps, owned, training);
    }

    /**
     * Adds a shortcut to a residual branch's output in place (torchvision's {@code out +=
     * identity}) and closes the shortcut unless it is the block's input.
     *
     * @param out the branch output, this block's own intermediate
     * @param shortcut the shortcut: the input itself or its projection
     * @param input the block's input (kept open)
     * @return {@code out}, now holding the sum
     */
    protected static NDArray addShortcut(NDArray out, NDArray shortcut, NDArray input) {
        out.addi(shortcut);
        if (shortcut != input) {
            shortcut.close();
        }
        return out;
    }

    /**
     * Calls children in order, each on the previous one's output, closing every intermediate output
     * once the next child has consumed it; {@code x} itself is left open. In inference a ReLU after
     * a convolution or norm writes into that layer's output ({@link #consumeOwned}).
     *
     * @param ps the parameter store
     * @param x the first child's input (not closed)
     * @param training training mode
     * @param names the children, in order
     * @return the last child's output
     */
    protected final NDArray chain(ParameterStore ps, NDArray x, boolean training, String... names) {
        NDArray y = x;
        boolean owned = false; // y is a new array of this chain's, not a view of x
        for (String n : names) {
            NDArray next;
            if (y == x) {
                next = call(n, ps, y, training);
            } else {
                next = owned ? consumeOwned(n, ps, y, training) : consume(n, ps, y, training);
            }
            owned = !training && ownsOutput(child(n), owned, next == y);
            y = next;
        }
        return y;
    }

    /**
     * Whether the array a child returned is its caller's own, so that the next layer in a chain may
     * overwrite it: a convolution's, a linear layer's, a norm's ({@link FreshOutput}) or an
     * activation's output ({@link InPlaceCapable}: a new array, or the memory of an owned input). A
     * child that returned its input (an identity of any type) passes the input's status on.
     *
     * @param child the child that ran
     * @param inputOwned whether its input was the caller's own
     * @param returnedInput whether it returned that input itself
     * @return true if its output is the caller's own array
     */
    static boolean ownsOutput(Block child, boolean inputOwned, boolean returnedInput) {
        if (returnedInput) {
            return inputOwned;
        }
        return child instanceof ai.djl.nn.convolutional.Convolution
                || child instanceof ai.djl.nn.core.Linear
                || child instanceof FreshOutput
                || child instanceof InPlaceCapable;
    }

    /**
     * Flattens an intermediate (N, ...) array to (N, -1) and closes the original handle (the view
     * keeps the storage).
     *
     * @param intermediate an array only this call still needs
     * @return the flattened view
     */
    protected static NDArray flatten(NDArray intermediate) {
        NDArray flat = intermediate.reshape(intermediate.getShape().get(0), -1);
        if (flat != intermediate) {
            intermediate.close();
        }
        return flat;
    }

    /**
     * Concatenates intermediate arrays along the channels and closes them.
     *
     * @param parts arrays only this call still needs
     * @return the concatenation
     */
    protected static NDArray concatAndClose(NDArray... parts) {
        NDArray out = ai.djl.ndarray.NDArrays.concat(new NDList(parts), 1);
        for (NDArray p : parts) {
            p.close();
        }
        return out;
    }

    /**
     * Closes the arrays of {@code intermediate} that are not (by identity) in any of {@code keep}.
     *
     * @param intermediate arrays no longer needed
     * @param keep lists whose arrays must stay open (the block's inputs, its outputs)
     */
    protected static void release(NDList intermediate, NDList... keep) {
        for (NDArray a : intermediate) {
            boolean kept = false;
            for (NDList k : keep) {
                for (NDArray b : k) {
                    kept |= a == b;
                }
            }
            if (!kept) {
                a.close();
            }
        }
    }

    /**
     * Whether this forward pass is the initialization pass. Blocks with train-only branches
     * (auxiliary heads) run them during this pass too, so that their parameters exist.
     *
     * @return true during initialization
     */
    protected static boolean initializing() {
        return Forwarding.initializing();
    }

    /** {@inheritDoc} */
    @Override
    public void initialize(NDManager manager, DataType dataType, Shape... inputShapes) {
        if (Forwarding.isLazyChild(this)) {
            // Nested in an enclosing initialization pass: only this block's own parameters now;
            // its children are initialized lazily as the enclosing pass calls them.
            beforeInitialize(inputShapes);
            if (!isInitialized()) {
                prepare(inputShapes);
            }
            for (Parameter p : getDirectParameters().values()) {
                p.initialize(manager, dataType);
            }
            return;
        }
        super.initialize(manager, dataType, inputShapes);
    }

    /** {@inheritDoc} */
    @Override
    protected void initializeChildBlocks(
            NDManager manager, DataType dataType, Shape... inputShapes) {
        Forwarding.initializationPass(this, manager, dataType, inputShapes);
    }

    /**
     * Returns the output shapes, inferred from a forward pass on zeros. The pass runs at batch 1
     * (the batch dimension is then restored: every AlphaTree block maps a batch sample by sample in
     * eval mode), so it costs one single-sample forward however large the batch, and its result is
     * cached by input shape: a resnet50 query costs about one batch-1 forward (~65 ms on 2 cores)
     * the first time and nothing after.
     *
     * @param inputShapes the input shapes
     * @return the output shapes
     */
    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        if (!isInitialized()) {
            throw new IllegalStateException(
                    kind()
                            + ": output shapes are inferred from a forward pass; initialize the"
                            + " block first");
        }
        List<Shape> key = List.of(inputShapes);
        Shape[] cached = shapeCache.get(key);
        if (cached == null) {
            cached = Forwarding.shapePass(this, inputShapes);
            shapeCache.put(key, cached);
        }
        return cached.clone();
    }

    /** Drops the cached output shapes (after a change of structure). */
    protected final void clearShapeCache() {
        shapeCache.clear();
    }

    /**
     * {@inheritDoc}
     *
     * <p>By default a block takes one array and gives one: this runs {@link #forwardSingle}. Blocks
     * with several inputs or outputs override this method instead.
     */
    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        return new NDList(forwardSingle(ps, inputs.singletonOrThrow(), training));
    }

    /**
     * The forward pass of a block with one input and one output, what most blocks write.
     *
     * @param ps the parameter store
     * @param x the input
     * @param training training mode
     * @return the output
     * @throws UnsupportedOperationException unless overridden (a block overrides this or {@link
     *     #forwardInternal})
     */
    protected NDArray forwardSingle(ParameterStore ps, NDArray x, boolean training) {
        throw new UnsupportedOperationException(
                kind() + " overrides neither forwardSingle nor forwardInternal");
    }

    /**
     * Runs this block's forward pass; for use by {@link Forwarding} only.
     *
     * @param ps the parameter store
     * @param inputs the inputs
     * @param training training mode
     * @param params extra parameters
     * @return the outputs
     */
    final NDList forwardForShapes(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        return forwardInternal(ps, inputs, training, params);
    }

    /** {@inheritDoc} */
    @Override
    public String toString() {
        return kind();
    }
}
