import { Label, Tag, Text } from 'react-konva';
import { COLORS } from '../../canvas/colors';
import type { ShapeProps } from '../../canvas/tool';

/** A saved yes/no answer shown as a badge in the image's top-left corner. */
export function BinaryShape({ answer, scale, variant, overlayLabel = 'Proposed answer' }: ShapeProps) {
  if (!('value' in answer)) return null;
  return (
    <Label x={8 / scale} y={(variant === 'overlay' ? 8 : 44) / scale} listening={false}>
      <Tag fill={variant === 'overlay' ? COLORS.overlay : COLORS.draft} cornerRadius={4 / scale} />
      <Text text={`${variant === 'overlay' ? overlayLabel : 'Your answer'}: ${answer.value ? 'Yes' : 'No'}`} fontSize={16 / scale} padding={6 / scale} fill="#000" fontStyle="bold" />
    </Label>
  );
}
