/**
 * Values read by script from each `--query-gpu` and `--query-compute-apps` capture (first row),
 * for the table-driven fixture tests. A capture without a uuid column gets `bus:<busId>`; one
 * without a name column gets ''.
 */
export interface QueryGpuCsvExpectation {
  file: string;
  gpus: number;
  driverVersion: string | null;
  name: string;
  uuid: string;
  memoryUsedMiB: number | null;
  memoryTotalMiB: number | null;
  temperatureC: number | null;
  powerDrawW: number | null;
  utilizationGpuPct: number | null;
}

// prettier-ignore
export const QUERY_GPU_CSV_EXPECTATIONS: readonly QueryGpuCsvExpectation[] = [
  { file: 'a0s-2gpu-units.csv', gpus: 2, driverVersion: null, name: '', uuid: 'GPU-d86c351b-8f94-33ab-3b97-accb421fef6d', memoryUsedMiB: 754, memoryTotalMiB: null, temperatureC: 71, powerDrawW: 217.24, utilizationGpuPct: 100 },
  { file: 'a0s-3gpu-mixed-units.csv', gpus: 3, driverVersion: null, name: '', uuid: 'GPU-20fe89bc-c8ef-5a9f-078e-efa3324d790b', memoryUsedMiB: 754, memoryTotalMiB: 8119, temperatureC: 73, powerDrawW: 213.07, utilizationGpuPct: 100 },
  { file: 'gpu-sentinel-linux-h100-80gb-hbm3-580.159.04-idle-loopfields.csv', gpus: 1, driverVersion: null, name: '', uuid: 'GPU-f95ea644-cb79-a4d5-bb07-45e2321b324d', memoryUsedMiB: 0, memoryTotalMiB: 81559, temperatureC: 42, powerDrawW: 80.12, utilizationGpuPct: 0 },
  { file: 'gpu-sentinel-linux-h100-80gb-hbm3-580.159.04-load-loopfields.csv', gpus: 1, driverVersion: null, name: '', uuid: 'GPU-f95ea644-cb79-a4d5-bb07-45e2321b324d', memoryUsedMiB: 21491, memoryTotalMiB: 81559, temperatureC: 54, powerDrawW: 822.66, utilizationGpuPct: 98 },
  { file: 'netdata-tesla-p100-nounits.csv', gpus: 1, driverVersion: null, name: 'Tesla P100-PCIE-16GB', uuid: 'GPU-ef1b2c9b-38d8-2090-2bd1-f567a3eb42a6', memoryUsedMiB: 0, memoryTotalMiB: null, temperatureC: 37, powerDrawW: 28.16, utilizationGpuPct: 0 },
  { file: 'nvgpuexp-linux-h100-80gb-hbm3-590.48.01-idle-allfields.csv', gpus: 1, driverVersion: '590.48.01', name: 'NVIDIA H100 80GB HBM3', uuid: 'GPU-00000000-0000-0000-0000-000000000000', memoryUsedMiB: 0, memoryTotalMiB: 81559, temperatureC: 41, powerDrawW: 69.62, utilizationGpuPct: 0 },
  { file: 'nvgpuexp-linux-h100-80gb-hbm3-590.48.01-load-allfields.csv', gpus: 1, driverVersion: '590.48.01', name: 'NVIDIA H100 80GB HBM3', uuid: 'GPU-00000000-0000-0000-0000-000000000000', memoryUsedMiB: 19818, memoryTotalMiB: 81559, temperatureC: 59, powerDrawW: 625.68, utilizationGpuPct: 100 },
  { file: 'nvgpuexp-linux-h100-mig-590.48.01-idle-allfields.csv', gpus: 1, driverVersion: '590.48.01', name: 'NVIDIA H100 80GB HBM3', uuid: 'GPU-00000000-0000-0000-0000-000000000000', memoryUsedMiB: 59, memoryTotalMiB: 81559, temperatureC: 42, powerDrawW: 70.72, utilizationGpuPct: null },
  { file: 'nvgpuexp-linux-h100-mig-590.48.01-load-allfields.csv', gpus: 1, driverVersion: '590.48.01', name: 'NVIDIA H100 80GB HBM3', uuid: 'GPU-00000000-0000-0000-0000-000000000000', memoryUsedMiB: 11125, memoryTotalMiB: 81559, temperatureC: 53, powerDrawW: 447.35, utilizationGpuPct: null },
  { file: 'nvgpuexp-linux-h200-590.48.01-idle-allfields.csv', gpus: 1, driverVersion: '590.48.01', name: 'NVIDIA H200', uuid: 'GPU-00000000-0000-0000-0000-000000000000', memoryUsedMiB: 0, memoryTotalMiB: 143771, temperatureC: 28, powerDrawW: 78.21, utilizationGpuPct: 0 },
  { file: 'nvgpuexp-linux-h200-590.48.01-load-allfields.csv', gpus: 1, driverVersion: '590.48.01', name: 'NVIDIA H200', uuid: 'GPU-00000000-0000-0000-0000-000000000000', memoryUsedMiB: 32362, memoryTotalMiB: 143771, temperatureC: 52, powerDrawW: 626.26, utilizationGpuPct: 100 },
  { file: 'nvgpuexp-linux-h200-mig-590.48.01-idle-allfields.csv', gpus: 1, driverVersion: '590.48.01', name: 'NVIDIA H200', uuid: 'GPU-00000000-0000-0000-0000-000000000000', memoryUsedMiB: 55, memoryTotalMiB: 143771, temperatureC: 28, powerDrawW: 78.21, utilizationGpuPct: null },
  { file: 'nvgpuexp-linux-h200-mig-590.48.01-load-allfields.csv', gpus: 1, driverVersion: '590.48.01', name: 'NVIDIA H200', uuid: 'GPU-00000000-0000-0000-0000-000000000000', memoryUsedMiB: 16959, memoryTotalMiB: 143771, temperatureC: 36, powerDrawW: 294.14, utilizationGpuPct: null },
  { file: 'nvgpuexp-linux-l40s-595.80-idle-allfields.csv', gpus: 1, driverVersion: '595.80', name: 'NVIDIA L40S', uuid: 'GPU-00000000-0000-0000-0000-000000000000', memoryUsedMiB: 0, memoryTotalMiB: 46068, temperatureC: 63, powerDrawW: 127.67, utilizationGpuPct: 100 },
  { file: 'nvgpuexp-linux-l40s-595.80-load-allfields.csv', gpus: 1, driverVersion: '595.80', name: 'NVIDIA L40S', uuid: 'GPU-00000000-0000-0000-0000-000000000000', memoryUsedMiB: 1235, memoryTotalMiB: 46068, temperatureC: 54, powerDrawW: 112.38, utilizationGpuPct: 9 },
  { file: 'nvgpuexp-linux-rtx-2080-super-595.71.05-idle-allfields.csv', gpus: 1, driverVersion: '595.71.05', name: 'NVIDIA GeForce RTX 2080 SUPER', uuid: 'GPU-00000000-0000-0000-0000-000000000000', memoryUsedMiB: 214, memoryTotalMiB: 8192, temperatureC: 40, powerDrawW: 39.32, utilizationGpuPct: 0 },
  { file: 'nvgpuexp-linux-rtx-2080-super-595.71.05-load-allfields.csv', gpus: 1, driverVersion: '595.71.05', name: 'NVIDIA GeForce RTX 2080 SUPER', uuid: 'GPU-00000000-0000-0000-0000-000000000000', memoryUsedMiB: 819, memoryTotalMiB: 8192, temperatureC: 45, powerDrawW: 111.5, utilizationGpuPct: 8 },
  { file: 'nvgpuexp-linux-rtx-2080-super-610.57.04-idle-allfields.csv', gpus: 1, driverVersion: '610.57.04', name: 'NVIDIA GeForce RTX 2080 SUPER', uuid: 'GPU-00000000-0000-0000-0000-000000000000', memoryUsedMiB: 211, memoryTotalMiB: 8192, temperatureC: 33, powerDrawW: 39.17, utilizationGpuPct: 0 },
  { file: 'nvgpuexp-linux-rtx-2080-super-610.57.04-load-allfields.csv', gpus: 1, driverVersion: '610.57.04', name: 'NVIDIA GeForce RTX 2080 SUPER', uuid: 'GPU-00000000-0000-0000-0000-000000000000', memoryUsedMiB: 815, memoryTotalMiB: 8192, temperatureC: 38, powerDrawW: 98.14, utilizationGpuPct: 8 },
  { file: 'nvgpuexp-linux-rtx-4080-super-595.71.05-idle-allfields.csv', gpus: 1, driverVersion: '595.71.05', name: 'NVIDIA GeForce RTX 4080 SUPER', uuid: 'GPU-00000000-0000-0000-0000-000000000000', memoryUsedMiB: 596, memoryTotalMiB: 16376, temperatureC: 43, powerDrawW: 28.77, utilizationGpuPct: 0 },
  { file: 'nvgpuexp-linux-rtx-4080-super-595.71.05-load-allfields.csv', gpus: 1, driverVersion: '595.71.05', name: 'NVIDIA GeForce RTX 4080 SUPER', uuid: 'GPU-00000000-0000-0000-0000-000000000000', memoryUsedMiB: 1474, memoryTotalMiB: 16376, temperatureC: 46, powerDrawW: 86.41, utilizationGpuPct: 7 },
  { file: 'nvgpuexp-sample-rtx2080super-win-471.11.csv', gpus: 1, driverVersion: '471.11', name: 'NVIDIA GeForce RTX 2080 SUPER', uuid: 'GPU-df6e7a7c-7314-46f8-abc4-b88b36dcf3aa', memoryUsedMiB: 876, memoryTotalMiB: 8192, temperatureC: 36, powerDrawW: 32.7, utilizationGpuPct: 2 },
  { file: 'nvgpuexp-windows-rtx-2080-super-591.86-idle-allfields.csv', gpus: 1, driverVersion: '591.86', name: 'NVIDIA GeForce RTX 2080 SUPER', uuid: 'GPU-00000000-0000-0000-0000-000000000000', memoryUsedMiB: 702, memoryTotalMiB: 8192, temperatureC: 40, powerDrawW: 38.92, utilizationGpuPct: 0 },
  { file: 'nvgpuexp-windows-rtx-2080-super-591.86-load-allfields.csv', gpus: 1, driverVersion: '591.86', name: 'NVIDIA GeForce RTX 2080 SUPER', uuid: 'GPU-00000000-0000-0000-0000-000000000000', memoryUsedMiB: 1296, memoryTotalMiB: 8192, temperatureC: 45, powerDrawW: 97.43, utilizationGpuPct: 7 },
  { file: 'nvgpuexp-windows-rtx-2080-super-610.62-idle-allfields.csv', gpus: 1, driverVersion: '610.62', name: 'NVIDIA GeForce RTX 2080 SUPER', uuid: 'GPU-00000000-0000-0000-0000-000000000000', memoryUsedMiB: 797, memoryTotalMiB: 8192, temperatureC: 40, powerDrawW: 39.25, utilizationGpuPct: 0 },
  { file: 'nvgpuexp-windows-rtx-2080-super-610.62-load-allfields.csv', gpus: 1, driverVersion: '610.62', name: 'NVIDIA GeForce RTX 2080 SUPER', uuid: 'GPU-00000000-0000-0000-0000-000000000000', memoryUsedMiB: 1366, memoryTotalMiB: 8192, temperatureC: 44, powerDrawW: 97.99, utilizationGpuPct: 7 },
  { file: 'virtualclient-1x-h100-535.161.07-nounits.csv', gpus: 1, driverVersion: '535.161.07', name: 'NVIDIA H100 80GB HBM3', uuid: 'bus:00000000:0A:00.0', memoryUsedMiB: 0, memoryTotalMiB: 81559, temperatureC: 26, powerDrawW: 70.68, utilizationGpuPct: 0 },
  { file: 'virtualclient-1x-tesla-t4-510.108.03-nounits.csv', gpus: 1, driverVersion: '510.108.03', name: 'Tesla T4', uuid: 'bus:00000001:00:00.0', memoryUsedMiB: 159, memoryTotalMiB: 15360, temperatureC: 36, powerDrawW: null, utilizationGpuPct: 0 },
  { file: 'virtualclient-1x-tesla-t4-550.54.15-na-nounits.csv', gpus: 1, driverVersion: '550.54.15', name: 'Tesla T4', uuid: 'bus:00000001:01:00.0', memoryUsedMiB: 0, memoryTotalMiB: 15360, temperatureC: 26, powerDrawW: 9.31, utilizationGpuPct: 0 },
  { file: 'virtualclient-4x-tesla-t4-510.108.03-nounits.csv', gpus: 4, driverVersion: '510.108.03', name: 'Tesla T4', uuid: 'bus:00000001:00:00.0', memoryUsedMiB: 257, memoryTotalMiB: 16384, temperatureC: 48, powerDrawW: null, utilizationGpuPct: 0 },
];

export interface ComputeAppsExpectation {
  file: string;
  processes: number;
  uuid: string | null;
  pid: number | null;
  name: string | null;
  usedMemoryMiB: number | null;
}

// prettier-ignore
export const COMPUTE_APPS_EXPECTATIONS: readonly ComputeAppsExpectation[] = [
  { file: 'gpu-sentinel-linux-h100-80gb-hbm3-580.159.04-idle.csv', processes: 0, uuid: null, pid: null, name: null, usedMemoryMiB: null },
  { file: 'gpu-sentinel-linux-h100-80gb-hbm3-580.159.04-load.csv', processes: 1, uuid: 'GPU-f95ea644-cb79-a4d5-bb07-45e2321b324d', pid: 486, name: 'python3', usedMemoryMiB: 21482 },
  { file: 'nvgpuexp-empty-header-only.csv', processes: 0, uuid: null, pid: null, name: null, usedMemoryMiB: null },
  { file: 'nvgpuexp-linux-h100-80gb-hbm3-590.48.01-load.csv', processes: 3, uuid: 'GPU-00000000-0000-0000-0000-000000000000', pid: 11327, name: '/root/tools/memhog', usedMemoryMiB: 2566 },
  { file: 'nvgpuexp-linux-h100-mig-590.48.01-load.csv', processes: 3, uuid: 'GPU-00000000-0000-0000-0000-000000000000', pid: 21180, name: '/root/tools/memhog', usedMemoryMiB: 2296 },
  { file: 'nvgpuexp-linux-h200-590.48.01-load.csv', processes: 3, uuid: 'GPU-00000000-0000-0000-0000-000000000000', pid: 10291, name: '/root/tools/memhog', usedMemoryMiB: 2566 },
  { file: 'nvgpuexp-linux-h200-mig-590.48.01-load.csv', processes: 3, uuid: 'GPU-00000000-0000-0000-0000-000000000000', pid: 12249, name: '/root/tools/memhog', usedMemoryMiB: 2194 },
  { file: 'nvgpuexp-linux-l40s-595.80-load.csv', processes: 2, uuid: 'GPU-00000000-0000-0000-0000-000000000000', pid: 20037, name: 'ffmpeg', usedMemoryMiB: 538 },
  { file: 'nvgpuexp-linux-rtx-2080-super-595.71.05-load.csv', processes: 2, uuid: 'GPU-00000000-0000-0000-0000-000000000000', pid: 5268, name: 'ffmpeg', usedMemoryMiB: 370 },
  { file: 'nvgpuexp-linux-rtx-2080-super-610.57.04-load.csv', processes: 2, uuid: 'GPU-00000000-0000-0000-0000-000000000000', pid: 28512, name: 'ffmpeg', usedMemoryMiB: 370 },
  { file: 'nvgpuexp-linux-rtx-4080-super-595.71.05-idle.csv', processes: 1, uuid: 'GPU-00000000-0000-0000-0000-000000000000', pid: 2165, name: '/usr/bin/kwin_wayland', usedMemoryMiB: 25 },
  { file: 'nvgpuexp-linux-rtx-4080-super-595.71.05-load.csv', processes: 3, uuid: 'GPU-00000000-0000-0000-0000-000000000000', pid: 2165, name: '/usr/bin/kwin_wayland', usedMemoryMiB: 25 },
  { file: 'nvgpuexp-windows-rtx-2080-super-591.86-idle.csv', processes: 10, uuid: 'GPU-00000000-0000-0000-0000-000000000000', pid: 12444, name: 'C:\\Windows\\SystemApps\\MicrosoftWindows.Client.CBS_cw5n1h2txyewy\\TextInputHost.exe', usedMemoryMiB: null },
  { file: 'nvgpuexp-windows-rtx-2080-super-591.86-load.csv', processes: 12, uuid: 'GPU-00000000-0000-0000-0000-000000000000', pid: 12444, name: 'C:\\Windows\\SystemApps\\MicrosoftWindows.Client.CBS_cw5n1h2txyewy\\TextInputHost.exe', usedMemoryMiB: null },
  { file: 'nvgpuexp-windows-rtx-2080-super-610.62-idle.csv', processes: 19, uuid: 'GPU-00000000-0000-0000-0000-000000000000', pid: 2140, name: 'C:\\Windows\\System32\\dwm.exe', usedMemoryMiB: null },
  { file: 'nvgpuexp-windows-rtx-2080-super-610.62-load.csv', processes: 21, uuid: 'GPU-00000000-0000-0000-0000-000000000000', pid: 2140, name: 'C:\\Windows\\System32\\dwm.exe', usedMemoryMiB: null },
];
