import Metrics
import Prometheus

/// The process's metrics registry: swift-metrics calls from every module land here, and `/metrics` prints it.
public enum ProspectorMetrics {
    public static let registry = PrometheusCollectorRegistry()

    /// Routes swift-metrics to the registry; once per process, before anything records a metric.
    public static func bootstrap() {
        MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))
    }
}
