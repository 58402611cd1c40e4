package org.alphatree.blocks.weights;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * A dense tensor read from a weight file: dtype, shape and its elements, contiguous and
 * little-endian.
 */
public final class TensorData {
    private final DType dtype;
    private final long[] shape;
    private final byte[] data;

    /**
     * Creates a tensor.
     *
     * @param dtype the element type
     * @param shape the shape
     * @param data contiguous little-endian elements
     * @throws IllegalArgumentException if the data size does not match the shape
     */
    public TensorData(DType dtype, long[] shape, byte[] data) {
        long n = numel(shape);
        if (n * dtype.size() != data.length) {
            throw new IllegalArgumentException(
                    "tensor of shape "
                            + Arrays.toString(shape)
                            + " "
                            + dtype.torchName()
                            + " needs "
                            + n * dtype.size()
                            + " bytes, got "
                            + data.length);
        }
        this.dtype = dtype;
        this.shape = shape.clone();
        this.data = data;
    }

    /**
     * Creates a float32 tensor.
     *
     * @param shape the shape
     * @param values row-major values
     * @return the tensor
     */
    public static TensorData ofFloats(long[] shape, float[] values) {
        ByteBuffer bb = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        bb.asFloatBuffer().put(values);
        return new TensorData(DType.FLOAT32, shape, bb.array());
    }

    static long numel(long[] shape) {
        long n = 1;
        for (long d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException(
                        "negative dimension in " + Arrays.toString(shape));
            }
            n = Math.multiplyExact(n, d);
        }
        return n;
    }

    /**
     * Returns the element type.
     *
     * @return dtype
     */
    public DType dtype() {
        return dtype;
    }

    /**
     * Returns the shape.
     *
     * @return a copy of the shape
     */
    public long[] shape() {
        return shape.clone();
    }

    /**
     * Returns the element count.
     *
     * @return numel
     */
    public long numel() {
        return data.length / dtype.size();
    }

    /**
     * Returns the raw little-endian bytes (not copied).
     *
     * @return the bytes
     */
    public byte[] rawBytes() {
        return data;
    }

    /**
     * Converts every element to float (half and bfloat16 widened exactly, integers and doubles
     * rounded).
     *
     * @return the values
     */
    public float[] toFloats() {
        ByteBuffer bb = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
        int n = (int) numel();
        float[] f = new float[n];
        for (int i = 0; i < n; i++) {
            f[i] =
                    switch (dtype) {
                        case FLOAT32 -> bb.getFloat();
                        case FLOAT64 -> (float) bb.getDouble();
                        case FLOAT16 -> halfToFloat(bb.getShort());
                        case BFLOAT16 -> Float.intBitsToFloat((bb.getShort() & 0xffff) << 16);
                        case INT64 -> bb.getLong();
                        case INT32 -> bb.getInt();
                        case INT16 -> bb.getShort();
                        case INT8 -> bb.get();
                        case UINT8, BOOL -> bb.get() & 0xff;
                    };
        }
        return f;
    }

    /**
     * Converts every element to double.
     *
     * @return the values
     */
    public double[] toDoubles() {
        if (dtype == DType.FLOAT64) {
            double[] d = new double[(int) numel()];
            ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN).asDoubleBuffer().get(d);
            return d;
        }
        if (dtype == DType.INT64) {
            double[] d = new double[(int) numel()];
            ByteBuffer bb = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
            for (int i = 0; i < d.length; i++) {
                d[i] = bb.getLong();
            }
            return d;
        }
        float[] f = toFloats();
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            d[i] = f[i];
        }
        return d;
    }

    /**
     * Creates an NDArray of the same dtype and shape.
     *
     * @param manager the manager
     * @return the array
     */
    public NDArray toNDArray(NDManager manager) {
        DataType t =
                switch (dtype) {
                    case FLOAT32 -> DataType.FLOAT32;
                    case FLOAT64 -> DataType.FLOAT64;
                    case FLOAT16 -> DataType.FLOAT16;
                    case BFLOAT16 -> DataType.BFLOAT16;
                    case INT64 -> DataType.INT64;
                    case INT32 -> DataType.INT32;
                    case INT16 -> DataType.INT16;
                    case INT8 -> DataType.INT8;
                    case UINT8 -> DataType.UINT8;
                    case BOOL -> DataType.BOOLEAN;
                };
        ByteBuffer bb = manager.allocateDirect(data.length).order(ByteOrder.nativeOrder());
        bb.put(ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN));
        bb.rewind();
        return manager.create(bb, new Shape(shape), t);
    }

    /**
     * IEEE half to float, exact.
     *
     * @param h the half bits
     * @return the float
     */
    static float halfToFloat(short h) {
        int bits = h & 0xffff;
        int sign = (bits & 0x8000) << 16;
        int exp = (bits >>> 10) & 0x1f;
        int mant = bits & 0x3ff;
        if (exp == 0x1f) {
            return Float.intBitsToFloat(sign | 0x7f800000 | (mant << 13));
        }
        if (exp == 0) {
            if (mant == 0) {
                return Float.intBitsToFloat(sign);
            }
            float v = mant / 1024f / 16384f; // 2^-14 * mant/2^10
            return sign != 0 ? -v : v;
        }
        return Float.intBitsToFloat(sign | ((exp + 112) << 23) | (mant << 13));
    }

    /** {@inheritDoc} */
    @Override
    public String toString() {
        return dtype.torchName() + Arrays.toString(shape);
    }
}
