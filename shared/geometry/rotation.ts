/** Rotation matrices (camera frame). */
import type { Mat3 } from './types';

/**
 * Row-major rotation R = Rz(yaw) · Ry(pitch) · Rx(roll), angles in radians; its columns are the
 * rotated frame's axes.
 */
export function rotationFromEuler(yawRad: number, pitchRad: number, rollRad: number): Mat3 {
  const [ca, sa, cb, sb, cc, sc] = [
    Math.cos(yawRad), Math.sin(yawRad), Math.cos(pitchRad), Math.sin(pitchRad), Math.cos(rollRad), Math.sin(rollRad),
  ];
  return [
    [ca * cb, ca * sb * sc - sa * cc, ca * sb * cc + sa * sc],
    [sa * cb, sa * sb * sc + ca * cc, sa * sb * cc - ca * sc],
    [-sb, cb * sc, cb * cc],
  ];
}
