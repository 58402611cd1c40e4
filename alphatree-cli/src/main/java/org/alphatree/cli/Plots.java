package org.alphatree.cli;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/** Small PNG plots drawn with Java2D (headless): scatter plots, image grids, loss curves. */
final class Plots {
    private Plots() {}

    private static Graphics2D canvas(BufferedImage img) {
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, img.getWidth(), img.getHeight());
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        return g;
    }

    /** Real (grey) and generated (blue) 2-D points. */
    static void scatter(Path file, float[] real, float[] fake, double extent, String title)
            throws IOException {
        int size = 480;
        BufferedImage img = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = canvas(img);
        g.setColor(Color.BLACK);
        g.drawString(title, 10, 16);
        plotPoints(g, real, new Color(150, 150, 150), size, extent);
        plotPoints(g, fake, new Color(30, 90, 200), size, extent);
        g.dispose();
        ImageIO.write(img, "png", file.toFile());
    }

    private static void plotPoints(Graphics2D g, float[] xy, Color c, int size, double extent) {
        g.setColor(c);
        for (int i = 0; i + 1 < xy.length; i += 2) {
            int px = (int) ((xy[i] / extent + 1) / 2 * size);
            int py = (int) ((1 - xy[i + 1] / extent) / 2 * size);
            g.fillOval(px - 2, py - 2, 4, 4);
        }
    }

    /**
     * One panel per class in a grid: the real points in grey, the points generated for that class
     * (or code) in its colour.
     */
    static void classPanels(
            Path file,
            float[] real,
            float[] fake,
            long[] classes,
            int k,
            double extent,
            String title)
            throws IOException {
        int panel = 200;
        int cols = Math.min(4, k);
        int rows = (k + cols - 1) / cols;
        BufferedImage img =
                new BufferedImage(cols * panel, rows * panel + 24, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = canvas(img);
        g.setColor(Color.BLACK);
        g.drawString(title, 8, 16);
        for (int c = 0; c < k; c++) {
            int ox = (c % cols) * panel;
            int oy = 24 + (c / cols) * panel;
            Graphics2D p = (Graphics2D) g.create(ox, oy, panel, panel);
            p.setColor(new Color(230, 230, 230));
            p.drawRect(0, 0, panel - 1, panel - 1);
            plotPoints(p, real, new Color(190, 190, 190), panel, extent);
            Color col = Color.getHSBColor(c / (float) k, 0.85f, 0.8f);
            int n = 0;
            for (long v : classes) {
                n += v == c ? 1 : 0;
            }
            float[] mine = new float[2 * n];
            int j = 0;
            for (int i = 0; i < classes.length; i++) {
                if (classes[i] == c) {
                    mine[j++] = fake[2 * i];
                    mine[j++] = fake[2 * i + 1];
                }
            }
            plotPoints(p, mine, col, panel, extent);
            p.setColor(Color.BLACK);
            p.drawString(String.valueOf(c), 6, 14);
            p.dispose();
        }
        g.dispose();
        ImageIO.write(img, "png", file.toFile());
    }

    /** A grid of single-channel images with values in [−1, 1]. */
    static void grid(Path file, float[] images, int n, int h, int w, int cols) throws IOException {
        int rows = (n + cols - 1) / cols;
        int scale = 3;
        BufferedImage img =
                new BufferedImage(
                        cols * (w * scale + 2), rows * (h * scale + 2), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = canvas(img);
        for (int k = 0; k < n; k++) {
            int ox = (k % cols) * (w * scale + 2);
            int oy = (k / cols) * (h * scale + 2);
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    float v = images[k * h * w + y * w + x];
                    int c = Math.max(0, Math.min(255, Math.round((v + 1) / 2 * 255)));
                    g.setColor(new Color(c, c, c));
                    g.fillRect(ox + x * scale, oy + y * scale, scale, scale);
                }
            }
        }
        g.dispose();
        ImageIO.write(img, "png", file.toFile());
    }

    /** Critic and generator loss per step. */
    static void lossCurve(Path file, List<double[]> series, String[] names, String title)
            throws IOException {
        int w = 640;
        int h = 360;
        int pad = 48;
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = canvas(img);
        double min = Double.MAX_VALUE;
        double max = -Double.MAX_VALUE;
        int len = 0;
        for (double[] s : series) {
            len = Math.max(len, s.length);
            for (double v : s) {
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
        }
        if (max <= min) {
            max = min + 1;
        }
        g.setColor(Color.BLACK);
        g.drawString(title, pad, 20);
        g.drawRect(pad, pad, w - 2 * pad, h - 2 * pad);
        g.drawString(String.format(Locale.ROOT, "%.3g", max), 4, pad + 4);
        g.drawString(String.format(Locale.ROOT, "%.3g", min), 4, h - pad);
        g.drawString("step " + len, w - pad - 60, h - pad + 16);
        Color[] colors = {new Color(200, 60, 40), new Color(30, 90, 200)};
        g.setStroke(new BasicStroke(1.5f));
        for (int k = 0; k < series.size(); k++) {
            double[] s = series.get(k);
            g.setColor(colors[k % colors.length]);
            g.drawString(names[k], pad + 10 + 120 * k, h - 8);
            for (int i = 1; i < s.length; i++) {
                int x0 = pad + (int) ((double) (i - 1) / Math.max(1, len - 1) * (w - 2 * pad));
                int x1 = pad + (int) ((double) i / Math.max(1, len - 1) * (w - 2 * pad));
                int y0 = h - pad - (int) ((s[i - 1] - min) / (max - min) * (h - 2 * pad));
                int y1 = h - pad - (int) ((s[i] - min) / (max - min) * (h - 2 * pad));
                g.drawLine(x0, y0, x1, y1);
            }
        }
        g.dispose();
        ImageIO.write(img, "png", file.toFile());
    }
}
