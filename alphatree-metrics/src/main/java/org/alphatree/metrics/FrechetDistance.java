package org.alphatree.metrics;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.CommonOps_MT_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.CholeskyDecomposition_F64;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

/**
 * The Fréchet distance between two Gaussians, in float64, by symmetric methods only: {@code
 * ‖μ₁−μ₂‖² + tr Σ₁ + tr Σ₂ − 2 tr √(Σ₁Σ₂)}, where {@code tr √(Σ₁Σ₂)} is the sum of the square roots
 * of the eigenvalues of a symmetric matrix similar to {@code Σ₁Σ₂}: {@code LᵀΣ₂L} with {@code Σ₁ =
 * LLᵀ} (Cholesky) when Σ₁ is positive definite, else {@code √Σ₁ Σ₂ √Σ₁} with {@code √Σ₁} from an
 * eigendecomposition. No complex arithmetic, no NaN: eigenvalues that rounding makes slightly
 * negative contribute 0, and a tiny negative total is reported as computed, not hidden.
 *
 * <p>Statistics that are not those of real features are refused with pytorch-fid's meaning, never
 * scored: non-finite entries, mismatched dimensions, a negative variance, a non-symmetric
 * covariance, covariances whose product has an eigenvalue below −1e-6 (an imaginary component of
 * √(Σ₁Σ₂) above 1e-3, where pytorch-fid raises), and a distance that overflows.
 *
 * <p>Heusel et al., "GANs Trained by a Two Time-Scale Update Rule Converge to a Local Nash
 * Equilibrium", NeurIPS 2017. Dowson &amp; Landau, "The Fréchet distance between multivariate
 * normal distributions", J. Multivariate Anal. 1982.
 */
public final class FrechetDistance {
    private FrechetDistance() {}

    /**
     * A distance and the warnings met computing it.
     *
     * @param value the distance
     * @param warnings e.g. that a covariance is rank-deficient (fewer samples than dimensions)
     */
    public record Result(double value, List<String> warnings) {}

    /**
     * The Fréchet distance between two sets of statistics.
     *
     * @param a the first set
     * @param b the second set
     * @return the distance and warnings
     */
    public static Result of(FeatureStatistics a, FeatureStatistics b) {
        if (a.dims() != b.dims()) {
            throw new IllegalArgumentException(
                    "statistics have " + a.dims() + " and " + b.dims() + " dimensions");
        }
        List<String> warnings = new ArrayList<>();
        rankWarning("first", a.count(), a.dims(), warnings);
        rankWarning("second", b.count(), b.dims(), warnings);
        Result r = compute(a.mean(), a.covariance(), b.mean(), b.covariance());
        warnings.addAll(r.warnings());
        return new Result(r.value(), Collections.unmodifiableList(warnings));
    }

    private static void rankWarning(String which, long n, int d, List<String> warnings) {
        if (n <= d) {
            warnings.add(
                    "the "
                            + which
                            + " set has "
                            + n
                            + " samples for "
                            + d
                            + " dimensions: its covariance is rank-deficient and the FID estimate is unreliable (pytorch-fid issue #13)");
        }
    }

    /**
     * The Fréchet distance between N(μ₁, Σ₁) and N(μ₂, Σ₂).
     *
     * @param mu1 mean 1, length d
     * @param sigma1 covariance 1, row-major d×d, symmetric
     * @param mu2 mean 2
     * @param sigma2 covariance 2
     * @return the distance and warnings
     * @throws IllegalArgumentException on mismatched sizes or non-finite entries
     */
    public static Result compute(double[] mu1, double[] sigma1, double[] mu2, double[] sigma2) {
        int d = mu1.length;
        if (mu2.length != d || sigma1.length != (long) d * d || sigma2.length != (long) d * d) {
            throw new IllegalArgumentException(
                    "mismatched dimensions: mu "
                            + mu1.length
                            + " and "
                            + mu2.length
                            + ", sigma "
                            + sigma1.length
                            + " and "
                            + sigma2.length);
        }
        checkFinite(mu1, "mu1");
        checkFinite(mu2, "mu2");
        checkFinite(sigma1, "sigma1");
        checkFinite(sigma2, "sigma2");
        checkCovariance(sigma1, d, "sigma1");
        checkCovariance(sigma2, d, "sigma2");
        double diff = 0;
        for (int i = 0; i < d; i++) {
            double t = mu1[i] - mu2[i];
            diff += t * t;
        }
        double tr1 = 0;
        double tr2 = 0;
        for (int i = 0; i < d; i++) {
            tr1 += sigma1[i * d + i];
            tr2 += sigma2[i * d + i];
        }
        List<String> warnings = new ArrayList<>();
        double[] fast = Libtorch.trace(sigma1, sigma2, d);
        double trSqrt =
                fast != null
                        ? checked(fast)
                        : traceSqrtProduct(
                                DMatrixRMaj.wrap(d, d, sigma1.clone()),
                                DMatrixRMaj.wrap(d, d, sigma2.clone()),
                                warnings);
        double fid = diff + tr1 + tr2 - 2 * trSqrt;
        if (!Double.isFinite(fid)) {
            throw new ArithmeticException(
                    "the Fréchet distance overflows float64 ("
                            + fid
                            + "): the statistics' entries"
                            + " are too large to be features");
        }
        return new Result(fid, Collections.unmodifiableList(warnings));
    }

    /**
     * Refuses what cannot be a covariance: a negative variance, or an asymmetry beyond rounding
     * (pytorch-fid's {@code sqrtm} would return an imaginary or meaningless product for it).
     */
    private static void checkCovariance(double[] sigma, int d, String name) {
        double scale = 0;
        for (double v : sigma) {
            scale = Math.max(scale, Math.abs(v));
        }
        for (int i = 0; i < d; i++) {
            double var = sigma[i * d + i];
            if (var < 0) {
                throw new IllegalArgumentException(
                        name + " is not a covariance: its variance [" + i + "] is " + var + " < 0");
            }
            for (int j = i + 1; j < d; j++) {
                double asym = Math.abs(sigma[i * d + j] - sigma[j * d + i]);
                if (asym > 1e-6 * scale) {
                    throw new IllegalArgumentException(
                            String.format(
                                    java.util.Locale.ROOT,
                                    "%s is not symmetric: entries (%d, %d) and (%d, %d) differ by"
                                            + " %.3g (largest entry %.3g)",
                                    name,
                                    i,
                                    j,
                                    j,
                                    i,
                                    asym,
                                    scale));
                }
            }
        }
    }

    /**
     * The libtorch route's result [tr, smallest eigenvalue of the product, Σ₁ singular, Σ₁'s
     * smallest and largest eigenvalue], with the EJML route's checks and messages.
     */
    private static double checked(double[] r) {
        if (r[2] == 1 && r[3] < -1e-6 * Math.max(r[4], Double.MIN_NORMAL)) {
            throw notPsd(r[3], r[4]);
        }
        if (r[1] < -1e-6) {
            throw imaginary(r[1]);
        }
        return r[0];
    }

    private static IllegalArgumentException notPsd(double bottom, double top) {
        return new IllegalArgumentException(
                String.format(
                        java.util.Locale.ROOT,
                        "the first covariance is not positive semi-definite: eigenvalue"
                                + " %.3g (largest %.3g), so √(Σ₁Σ₂) has an imaginary"
                                + " component (pytorch-fid: \"Imaginary component\")",
                        bottom,
                        top));
    }

    private static IllegalArgumentException imaginary(double minNeg) {
        return new IllegalArgumentException(
                String.format(
                        java.util.Locale.ROOT,
                        "the covariances are not positive semi-definite: Σ₁Σ₂ has the"
                                + " eigenvalue %.3g, so √(Σ₁Σ₂) has the imaginary component"
                                + " %.3g (pytorch-fid: \"Imaginary component\")",
                        minNeg,
                        Math.sqrt(-minNeg)));
    }

    /**
     * tr √(Σ₁Σ₂) through libtorch's LAPACK (a shipped TorchScript helper, {@code
     * tools/fixtures/frechet_trace.py}): the same symmetric product and eigenvalues as the EJML
     * route, about 6× faster at d = 2048. Used when the PyTorch engine is on the class path, unless
     * {@code -Dalphatree.fid.backend=ejml}; any failure to load it falls back to EJML.
     */
    static final class Libtorch {
        private static final org.alphatree.blocks.runtime.TorchScriptResource.Lazy MODULE =
                new org.alphatree.blocks.runtime.TorchScriptResource.Lazy(
                        FrechetDistance.class, "frechet_trace");
        private static volatile boolean unavailable;

        private Libtorch() {}

        static boolean enabled() {
            return !"ejml".equals(System.getProperty("alphatree.fid.backend", "auto"))
                    && !unavailable
                    && ai.djl.engine.Engine.hasEngine("PyTorch");
        }

        /** The helper's result, or null where it cannot run (then EJML computes it). */
        static double[] trace(double[] sigma1, double[] sigma2, int d) {
            if (!enabled()) {
                return null;
            }
            try (ai.djl.ndarray.NDManager nm =
                    ai.djl.ndarray.NDManager.newBaseManager(null, "PyTorch")) {
                ai.djl.ndarray.types.Shape shape = new ai.djl.ndarray.types.Shape(d, d);
                ai.djl.ndarray.NDList in =
                        new ai.djl.ndarray.NDList(
                                nm.create(sigma1, shape), nm.create(sigma2, shape));
                return MODULE.get()
                        .getBlock()
                        .forward(new ai.djl.training.ParameterStore(nm, false), in, false)
                        .head()
                        .toDoubleArray();
            } catch (RuntimeException e) {
                unavailable = true; // e.g. no native library: use EJML from now on
                return null;
            }
        }
    }

    /** tr √(Σ₁Σ₂) through a symmetric matrix similar to Σ₁Σ₂ (the EJML route). */
    static double traceSqrtProduct(DMatrixRMaj s1, DMatrixRMaj s2, List<String> warnings) {
        int d = s1.numRows;
        DMatrixRMaj m = new DMatrixRMaj(d, d);
        DMatrixRMaj tmp = new DMatrixRMaj(d, d);
        CholeskyDecomposition_F64<DMatrixRMaj> chol = DecompositionFactory_DDRM.chol(d, true);
        if (chol.decompose(s1.copy())) {
            DMatrixRMaj l = chol.getT(null);
            CommonOps_MT_DDRM.mult(s2, l, tmp); // Σ₂L
            CommonOps_MT_DDRM.multTransA(l, tmp, m); // LᵀΣ₂L
        } else {
            EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(d, true, true);
            if (!eig.decompose(s1.copy())) {
                throw new ArithmeticException("eigendecomposition of the first covariance failed");
            }
            double top = 0;
            double bottom = 0;
            for (int k = 0; k < d; k++) {
                top = Math.max(top, eig.getEigenvalue(k).getReal());
                bottom = Math.min(bottom, eig.getEigenvalue(k).getReal());
            }
            // rank-deficient sample covariances round to eigenvalues of about -1e-16·top; a clearly
            // negative one means Σ₁ is no covariance (pytorch-fid: "Imaginary component")
            if (bottom < -1e-6 * Math.max(top, Double.MIN_NORMAL)) {
                throw notPsd(bottom, top);
            }
            DMatrixRMaj v = new DMatrixRMaj(d, d);
            for (int k = 0; k < d; k++) {
                double lambda = Math.max(eig.getEigenvalue(k).getReal(), 0);
                DMatrixRMaj vec = eig.getEigenVector(k);
                double s = Math.sqrt(Math.sqrt(lambda)); // so that V·Vᵀ = √Σ₁
                for (int i = 0; i < d; i++) {
                    v.set(i, k, vec.get(i) * s);
                }
            }
            DMatrixRMaj root = new DMatrixRMaj(d, d);
            CommonOps_MT_DDRM.multTransB(v, v, root); // √Σ₁
            CommonOps_MT_DDRM.mult(s2, root, tmp);
            CommonOps_MT_DDRM.mult(root, tmp, m);
        }
        // symmetrize against rounding, then eigenvalues only
        CommonOps_DDRM.transpose(m, tmp);
        CommonOps_DDRM.add(0.5, m, 0.5, tmp, m);
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(d, false, true);
        if (!eig.decompose(m)) {
            throw new ArithmeticException("eigendecomposition failed");
        }
        double sum = 0;
        double minNeg = 0;
        for (int k = 0; k < d; k++) {
            double lambda = eig.getEigenvalue(k).getReal();
            if (lambda > 0) {
                sum += Math.sqrt(lambda);
            } else {
                minNeg = Math.min(minNeg, lambda);
            }
        }
        // pytorch-fid raises "Imaginary component" when sqrtm's diagonal has an imaginary part
        // above 1e-3: here that is a negative eigenvalue of the product below -(1e-3)²
        if (minNeg < -1e-6) {
            throw imaginary(minNeg);
        }
        return sum;
    }

    private static void checkFinite(double[] a, String name) {
        for (int i = 0; i < a.length; i++) {
            if (!Double.isFinite(a[i])) {
                throw new IllegalArgumentException(name + "[" + i + "] is " + a[i]);
            }
        }
    }
}
