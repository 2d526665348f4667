"""Writes the reference values ForecastReferenceTest checks Federa's Holt-Winters against.

Run with statsmodels 0.15.0 (pip install statsmodels==0.15.0): python3 make-reference.py
The series: Mauna Loa CO2 (Scripps/NOAA, public domain) as statsmodels ships it
(statsmodels.datasets.co2), monthly means of 1960-1979, gaps filled forward.
"""
import numpy as np
import statsmodels
import statsmodels.api as sm
from statsmodels.tsa.holtwinters import ExponentialSmoothing

y = sm.datasets.co2.load_pandas().data["co2"].resample("MS").mean().ffill()
y = y["1960-01-01":"1979-12-01"]
values = y.values
m = 12
level0 = values[:m].mean()
trend0 = (values[m:2 * m].mean() - values[:m].mean()) / m
season0 = values[:m] - level0
fit = ExponentialSmoothing(
    values, trend="add", seasonal="add", seasonal_periods=m,
    initialization_method="known", initial_level=level0, initial_trend=trend0,
    initial_seasonal=season0,
).fit(smoothing_level=0.5, smoothing_trend=0.05, smoothing_seasonal=0.3, optimized=False)

# The textbook forecast l_T + h b_T + s_{T+h-m(k+1)}, k = floor((h-1)/m), from statsmodels' own final
# state. statsmodels' forecast() agrees except where h is a multiple of m: there it takes the season
# one period older (statsmodels issue #9538, fixed after 0.15.0).
level, trend, season = fit.level[-1], fit.trend[-1], fit.season
n = len(values)
textbook = []
for h in range(1, 25):
    k = (h - 1) // m
    textbook.append(level + h * trend + season[n - 1 + h - m * (k + 1)])
textbook = np.array(textbook)
theirs = fit.forecast(24)
for h in range(1, 25):
    if h % m:
        assert abs(textbook[h - 1] - theirs[h - 1]) < 1e-9, h

with open("co2-monthly-1960-1979.csv", "w") as f:
    f.write("# Mauna Loa CO2 (ppm), monthly means of statsmodels.datasets.co2, 1960-1979\n")
    for d, v in zip(y.index, values):
        f.write(f"{d.strftime('%Y-%m')},{float(v)!r}\n")
with open("co2-holtwinters-statsmodels.csv", "w") as f:
    f.write(f"# statsmodels {statsmodels.__version__} ExponentialSmoothing, additive trend and season,"
            " period 12, known initial state; alpha 0.5, beta 0.05, gamma 0.3\n")
    f.write(f"initial,level,{float(level0)!r}\n")
    f.write(f"initial,trend,{float(trend0)!r}\n")
    for i, s in enumerate(season0):
        f.write(f"initial,season{i},{float(s)!r}\n")
    for i, v in enumerate(fit.fittedvalues):
        f.write(f"fitted,{i},{float(v)!r}\n")
    for h, v in enumerate(textbook, start=1):
        f.write(f"forecast,{h},{float(v)!r}\n")
    f.write(f"sse,0,{float(fit.sse)!r}\n")
