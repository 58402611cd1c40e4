package org.alphatree.cli;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** Small PNG plots (headless): XChart scatter plots and loss curves, Java2D image grids. */
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

    /** Real (grey) and generated (blue) 2-D points, with axes and a legend. */
    static void scatter(Path file, float[] real, float[] fake, double extent, String title)
            throws IOException {
        XYChart chart = scatterChart(480, 480, title, extent);
        addPoints(chart, "real", real, new Color(150, 150, 150));
        addPoints(chart, "generated", fake, new Color(30, 90, 200));
        BitmapEncoder.saveBitmap(chart, png(file), BitmapEncoder.BitmapFormat.PNG);
    }

    private static XYChart scatterChart(int w, int h, String title, double extent) {
        XYChart chart =
                new XYChartBuilder()
                        .width(w)
                        .height(h)
                        .title(title)
                        .xAxisTitle("x")
                        .yAxisTitle("y")
                        .build();
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        chart.getStyler().setMarkerSize(3);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        chart.getStyler().setXAxisMin(-extent).setXAxisMax(extent);
        chart.getStyler().setYAxisMin(-extent).setYAxisMax(extent);
        return chart;
    }

    private static void addPoints(XYChart chart, String name, float[] xy, Color c) {
        int n = xy.length / 2;
        double[] x = new double[Math.max(n, 1)];
        double[] y = new double[Math.max(n, 1)];
        for (int i = 0; i < n; i++) {
            x[i] = xy[2 * i];
            y[i] = xy[2 * i + 1];
        }
        if (n == 0) { // XChart needs a point; put it outside the axes
            x[0] = Double.NaN;
            y[0] = Double.NaN;
        }
        XYSeries s = chart.addSeries(name, x, y);
        s.setMarker(SeriesMarkers.CIRCLE);
        s.setMarkerColor(c);
    }

    /** XChart appends ".png" to the name it is given. */
    private static String png(Path file) {
        String f = file.toString();
        return f.endsWith(".png") ? f.substring(0, f.length() - 4) : f;
    }

    /**
     * One panel per class in a grid: the real points in grey, the points generated for that class
     * (or code) in its colour; each panel has its own axes.
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
        int panel = 240;
        int cols = Math.min(4, k);
        int rows = (k + cols - 1) / cols;
        BufferedImage img =
                new BufferedImage(cols * panel, rows * panel + 24, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = canvas(img);
        g.setColor(Color.BLACK);
        g.drawString(title, 8, 16);
        for (int c = 0; c < k; c++) {
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
            XYChart chart = scatterChart(panel, panel, "class " + c, extent);
            chart.getStyler().setLegendVisible(false);
            chart.getStyler().setMarkerSize(2);
            chart.setXAxisTitle("");
            chart.setYAxisTitle("");
            addPoints(chart, "real", real, new Color(190, 190, 190));
            addPoints(chart, "class " + c, mine, Color.getHSBColor(c / (float) k, 0.85f, 0.8f));
            g.drawImage(
                    BitmapEncoder.getBufferedImage(chart),
                    (c % cols) * panel,
                    24 + (c / cols) * panel,
                    null);
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

    /** Critic and generator loss per step, with axes, ticks and a legend. */
    static void lossCurve(Path file, List<double[]> series, String[] names, String title)
            throws IOException {
        XYChart chart =
                new XYChartBuilder()
                        .width(640)
                        .height(360)
                        .title(title)
                        .xAxisTitle("step")
                        .yAxisTitle("loss")
                        .build();
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        chart.getStyler().setMarkerSize(0);
        Color[] colors = {new Color(200, 60, 40), new Color(30, 90, 200)};
        for (int k = 0; k < series.size(); k++) {
            double[] y = series.get(k).length == 0 ? new double[] {Double.NaN} : series.get(k);
            double[] x = new double[y.length];
            for (int i = 0; i < x.length; i++) {
                x[i] = i + 1;
            }
            XYSeries s = chart.addSeries(names[k], x, y);
            s.setLineColor(colors[k % colors.length]);
            s.setMarker(SeriesMarkers.NONE);
        }
        BitmapEncoder.saveBitmap(chart, png(file), BitmapEncoder.BitmapFormat.PNG);
    }
}
