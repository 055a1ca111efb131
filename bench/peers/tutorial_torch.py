"""The tutorial's surrogate-gradient training (Cosyne 2022, part 2) in PyTorch, for `npm run bench:peers`.

The same work as `snn train resources/examples/sound-localisation.snn.json --backend cpu`: the sound-
localisation stimulus (100 Poisson inputs per ear, 600 Hz peak, 20 Hz tone, envelope power 2, per-sample
phase, IPD uniform in (-pi/2, pi/2), 12 classes), 100 steps of 1 ms, 200 -> 30 LIF (tau 20 ms, threshold 1,
the tutorial's reset timing) -> 12 leaky-integrator readouts (tau 20 ms), mean-over-time readout, log-softmax
and NLL, sigmoid surrogate beta 5, Adam lr 0.01, batch 64, 4096 training and 2048 test samples, the test set
evaluated after every epoch (as `snn train` does). The update is docs/training.md's "The tutorial's model":
    s[t+1] = H(v[t] - 1);  v[t+1] = (alpha v[t] + h[t]) (1 - s[t]);  u[t+1] = alpha u[t] + W2^T s[t]
The data are drawn with numpy, not SNN Studio's RNG: the same distribution, not the same samples, so
accuracies agree within seed spread, not exactly. Data generation is outside the timed part on both sides.

Prints one JSON line: train_s (all epochs, training + test evaluation), epoch_s, test accuracy, threads.
Run with Debian's interpreter: /usr/bin/python3 bench/peers/tutorial_torch.py --epochs 10
"""
import argparse
import json
import time

import numpy as np
import torch

ap = argparse.ArgumentParser()
ap.add_argument('--epochs', type=int, default=10)
ap.add_argument('--seed', type=int, default=1)
args = ap.parse_args()

torch.manual_seed(args.seed)
rng = np.random.default_rng(args.seed)
dt, steps, n_ear, rate_max, freq, power, classes, hidden = 1e-3, 100, 100, 600.0, 20.0, 2, 12, 30
alpha = float(np.exp(-1.0 / 20.0))


def stimulus(n):
    ipd = rng.random(n) * np.pi - np.pi / 2
    phi0 = rng.random(n)
    t = np.arange(steps) * dt
    j = np.arange(n_ear) * (np.pi / 2) / (n_ear - 1)
    theta = np.empty((n, steps, 2 * n_ear))
    base = 2 * np.pi * (freq * t[None, :, None] + phi0[:, None, None])
    theta[:, :, :n_ear] = base + j[None, None, :]
    theta[:, :, n_ear:] = base + j[None, None, :] + ipd[:, None, None]
    p = rate_max * dt * (0.5 * (1 + np.sin(theta))) ** power
    x = torch.tensor(rng.random(p.shape) < p, dtype=torch.float32)
    y = torch.tensor(np.minimum(classes - 1, np.floor((ipd + np.pi / 2) * classes / np.pi)).astype(np.int64))
    return x, y


class Spike(torch.autograd.Function):
    """Heaviside forward; the sigmoid surrogate's derivative (beta 5) backward."""
    @staticmethod
    def forward(ctx, x):
        ctx.save_for_backward(x)
        return (x > 0).float()

    @staticmethod
    def backward(ctx, g):
        (x,) = ctx.saved_tensors
        s = torch.sigmoid(5.0 * x)
        return g * 5.0 * s * (1 - s)


def forward(x, w1, w2):
    h = torch.einsum('btc,cd->btd', x, w1)
    b = x.shape[0]
    v = torch.zeros(b, hidden)
    s = torch.zeros(b, hidden)
    rec = [s]
    for t in range(steps - 1):
        s_next = Spike.apply(v - 1.0)
        v = (alpha * v + h[:, t, :]) * (1 - s)
        s = s_next
        rec.append(s)
    h2 = torch.einsum('btc,cd->btd', torch.stack(rec, dim=1), w2)
    u = torch.zeros(b, classes)
    out = [u]
    for t in range(steps - 1):
        u = alpha * u + h2[:, t, :]
        out.append(u)
    return torch.stack(out, dim=1).mean(dim=1)


x_train, y_train = stimulus(4096)
x_test, y_test = stimulus(2048)
w1 = ((torch.rand(2 * n_ear, hidden) * 2 - 1) / np.sqrt(2 * n_ear)).requires_grad_()
w2 = ((torch.rand(hidden, classes) * 2 - 1) / np.sqrt(hidden)).requires_grad_()
opt = torch.optim.Adam([w1, w2], lr=0.01)
nll = torch.nn.NLLLoss()

epoch_s = []
t_all = time.perf_counter()
for epoch in range(args.epochs):
    t0 = time.perf_counter()
    perm = torch.randperm(4096)
    for k in range(4096 // 64):
        idx = perm[k * 64:(k + 1) * 64]
        loss = nll(torch.log_softmax(forward(x_train[idx], w1, w2), dim=1), y_train[idx])
        opt.zero_grad()
        loss.backward()
        opt.step()
    with torch.no_grad():
        correct = sum(int((forward(x_test[k:k + 64], w1, w2).argmax(1) == y_test[k:k + 64]).sum())
                      for k in range(0, 2048, 64))
    epoch_s.append(time.perf_counter() - t0)
train_s = time.perf_counter() - t_all
print(json.dumps({'peer': 'pytorch', 'torch': torch.__version__, 'threads': torch.get_num_threads(),
                  'epochs': args.epochs, 'train_s': train_s, 'epoch_s': epoch_s, 'test_accuracy': correct / 2048}))
